package form_test

import (
	"context"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/formworkhq/formwork/designer/form"
)

// ref is a file reference as a client sends it.
func ref(id, name string, size float64, ct string) map[string]any {
	return map[string]any{"id": id, "name": name, "size": size, "content_type": ct}
}

func TestValidateFiles(t *testing.T) {
	res := newResolver()
	res.files["f_big"] = &form.File{ID: "f_big", Name: "big.pdf", Size: 4096,
		ContentType: "application/pdf", Attachable: true}
	res.files["f_theirs"] = &form.File{ID: "f_theirs", Name: "t.pdf", Size: 10,
		ContentType: "application/pdf"}
	res.files["f_photo"] = &form.File{ID: "f_photo", Name: "p.png", Size: 10,
		ContentType: "image/png", Attachable: true}

	tests := []struct {
		name     string
		kind     string
		settings string
		value    any
		want     []spot
	}{
		{"unknown file", "attachment", "", []any{ref("f_404", "a.pdf", 1, "application/pdf")},
			[]spot{{"/v/0", "unknown_file"}}},
		{"someone else's upload", "attachment", "",
			[]any{ref("f_theirs", "t.pdf", 10, "application/pdf")},
			[]spot{{"/v/0", "file_not_attachable"}}},
		{"size lied about", "attachment", `{"max_size": 1024}`,
			[]any{ref("f_big", "big.pdf", 10, "application/pdf")},
			[]spot{{"/v/0/size", "file_too_large"}}},
		{"type lied about", "attachment", `{"allowed_types": ["image/*"]}`,
			[]any{ref("f_a.pdf", "a.png", 1000, "image/png")},
			[]spot{{"/v/0/content_type", "file_type"}}},
		{"signature that is an upload", "signature", "", ref("f_photo", "p.png", 10, "image/png"),
			[]spot{{"/v", "not_signature"}}},
		{"drawn signature", "signature", "", ref("f_sig.png", "sig.png", 500, "image/png"), nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := oneField(t, tt.kind, tt.settings)
			_, err := c.ValidateMap(context.Background(), map[string]any{"v": tt.value}, res)
			var got []spot
			if err != nil {
				got = spots(t, err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("problems (-want +got):\n%s", diff)
			}
		})
	}
}

func TestValidateRewritesFileReferences(t *testing.T) {
	c := oneField(t, "attachment", "")
	res := newResolver()
	in := map[string]any{"v": []any{ref("f_a.pdf", "renamed.exe", 1, "text/html"),
		ref("f_a.pdf", "again.pdf", 1000, "application/pdf")}}
	clean, err := c.ValidateMap(context.Background(), in, res)
	if err != nil {
		t.Fatal(describe(err))
	}

	want := []any{ref("f_a.pdf", "a.pdf", 1000, "application/pdf"),
		ref("f_a.pdf", "a.pdf", 1000, "application/pdf")}
	if diff := cmp.Diff(want, clean["v"]); diff != "" {
		t.Errorf("clean value (-want +got):\n%s", diff)
	}
	if res.calls != 1 {
		t.Errorf("resolver asked %d times about one file, want 1", res.calls)
	}
	if got := in["v"].([]any)[0].(map[string]any)["name"]; got != "renamed.exe" {
		t.Errorf("the caller's map was changed: name = %v", got)
	}
}

// plainResolver answers about users and records only.
type plainResolver struct{}

func (plainResolver) UserExists(context.Context, string) (bool, error) { return true, nil }

func (plainResolver) RecordExists(context.Context, string, string) (bool, error) {
	return true, nil
}

func TestValidateFilesNeedsAFileResolver(t *testing.T) {
	c := oneField(t, "signature", "")
	_, err := c.ValidateMap(context.Background(),
		map[string]any{"v": ref("f_sig.png", "sig.png", 500, "image/png")}, plainResolver{})
	if err == nil {
		t.Fatal("a signature was accepted unchecked")
	}
	if _, err := oneField(t, "text", "").ValidateMap(context.Background(),
		map[string]any{"v": "x"}, nil); err != nil {
		t.Errorf("a form without files needs no resolver: %v", err)
	}
}

func TestFileIDs(t *testing.T) {
	c := compileLead(t)
	data := validLead()
	data["attachments"] = []any{ref("f_1", "a", 1, "x"), ref("f_3", "b", 1, "x"),
		ref("f_1", "a", 1, "x")}

	if diff := cmp.Diff([]string{"f_1", "f_3", "f_2"}, c.FileIDs(data)); diff != "" {
		t.Errorf("FileIDs (-want +got):\n%s", diff)
	}
	if got := c.FileIDs(map[string]any{"attachments": "garbage"}); got != nil {
		t.Errorf("FileIDs of a bad value = %v, want none", got)
	}
}
