package datahub_test

import (
	"bytes"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/simplifiedchinese"

	"github.com/formworkhq/formwork/datahub"
	"github.com/formworkhq/formwork/internal/problem"
)

// TestAFileOfManyChunksReadsAsOneStream imports a GBK file of several
// stored chunks whose characters straddle the chunks' edges.
func TestAFileOfManyChunksReadsAsOneStream(t *testing.T) {
	h := newHub(t, datahub.Config{MaxBytes: 4 << 20})
	names := map[string]string{}
	var b strings.Builder
	b.WriteString("客户编号,客户名称\n")
	for i := 1; i <= 9; i++ {
		key := "C-" + strconv.Itoa(i)
		// 2 bytes a character in GBK: an odd prefix puts chunk edges
		// inside characters.
		names[key] = strings.Repeat("x", i) + strings.Repeat("华为客户", 7000+i)
		b.WriteString(key + "," + names[key] + "\n")
	}
	gbk, err := simplifiedchinese.GBK.NewEncoder().String(b.String())
	if err != nil {
		t.Fatal(err)
	}
	j := h.upload("gbk.csv", gbk)
	if j.Encoding != datahub.EncodingGBK || h.fileChunks(t, j.ID) < 2 {
		t.Fatalf("upload: encoding %s, %d chunks", j.Encoding, h.fileChunks(t, j.ID))
	}

	got := h.run(j, `{"客户编号":"customer_id","客户名称":"name"}`, "")
	assertExact(t, got, 9)
	for key, rec := range h.records(t) {
		if rec["name"] != names[key] {
			t.Errorf("%s: name of %d characters differs from the file's", key,
				len([]rune(rec["name"].(string))))
		}
	}
	if got.Progress.Percent == nil || *got.Progress.Percent != 100 {
		t.Errorf("percent at the end = %v", got.Progress.Percent)
	}
}

func TestAWorkbookIsReadFromATemporaryCopy(t *testing.T) {
	h := newHub(t, datahub.Config{})
	f := excelize.NewFile()
	rows := [][]any{{"id", "name"}, {"C-1", "Acme"}, {"C-2", "=HYPERLINK(\"x\")"}}
	for i, r := range rows {
		if err := f.SetSheetRow("Sheet1", "A"+strconv.Itoa(i+1), &r); err != nil {
			t.Fatal(err)
		}
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}

	j := h.upload("book.xlsx", buf.String())
	got := h.run(j, string(accountMapping), "")
	assertExact(t, got, 2)
	if h.records(t)["C-2"]["name"] != `=HYPERLINK("x")` {
		t.Errorf("C-2 = %v", h.records(t)["C-2"])
	}
	left, err := os.ReadDir(h.dir)
	if err != nil && !os.IsNotExist(err) {
		t.Fatal(err)
	}
	if len(left) != 0 {
		t.Errorf("temporary copies left: %v", left)
	}
}

func TestDeletingAnImportRemovesItsFileAndReport(t *testing.T) {
	h := newHub(t, datahub.Config{})
	j := h.upload("bad.csv", "id,name\nC-1,\n")
	h.finish(h.svc.Check(h.ctx, h.p, j.ID, datahub.RunInput{Mapping: accountMapping,
		KeyField: "customer_id"}))
	if issues, _, err := h.svc.Issues(h.ctx, h.p, j.ID, 0); err != nil || len(issues) != 1 {
		t.Fatalf("issues = %v, %v", issues, err)
	}

	if err := h.svc.Delete(h.ctx, h.p, j.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := h.svc.Get(h.ctx, h.p, j.ID); !isNotFound(err) {
		t.Errorf("Get after Delete = %v, want not found", err)
	}
	if n := h.fileChunks(t, j.ID); n != 0 {
		t.Errorf("%d file chunks left", n)
	}
	n, err := h.store.Scope(h.p.TenantID).C(datahub.IssuesCollection).Count(h.ctx, nil)
	if err != nil || n != 0 {
		t.Errorf("%d issue chunks left, %v", n, err)
	}
}

func isNotFound(err error) bool {
	pe, ok := problem.As(err)
	return ok && pe.Kind == problem.NotFound
}

func TestARefusedUploadLeavesNothing(t *testing.T) {
	h := newHub(t, datahub.Config{MaxBytes: 600 << 10})
	big := "id,name\n" + strings.Repeat("C-1,Acme\n", 80_000) // 703 KiB: 2 chunks, then refused
	for _, body := range []string{big, "\x00\x01\x02"} {
		_, err := h.svc.Upload(h.ctx, h.p, datahub.UploadInput{Form: "account",
			FileName: "a.csv", Size: -1, Body: strings.NewReader(body)})
		if _, ok := problem.As(err); !ok {
			t.Fatalf("upload = %v, want a refusal", err)
		}
	}
	sc := h.store.Scope(h.p.TenantID)
	for _, coll := range []string{datahub.ImportsCollection, datahub.FilesCollection} {
		if n, err := sc.C(coll).Count(h.ctx, nil); err != nil || n != 0 {
			t.Errorf("%s holds %d documents after refused uploads (%v)", coll, n, err)
		}
	}
}
