package main

import (
	"bytes"
	"context"
	"regexp"
	"strings"
	"testing"
)

// editionLine is how pack list shows an edition: id, version, kind and base.
var editionLine = regexp.MustCompile(`education_edition +1\.0\.0 +edition of lead_followup`)

// TestPackCommands lists the library, installs the lead follow-up pack
// into a tenant made on the command line, installs it again, and refuses an
// unknown pack.
func TestPackCommands(t *testing.T) {
	vars := storeVars(t)
	getenv := func(k string) string { return vars[k] }
	runOut := func(args ...string) (string, error) {
		var out, errs bytes.Buffer
		err := runEnv(context.Background(), args, env{getenv: getenv,
			stdin: strings.NewReader("correct-horse\n"), stdout: &out, stderr: &errs})
		return out.String() + errs.String(), err
	}

	list, err := runOut("pack", "list")
	if err != nil || !strings.Contains(list, "lead_followup") ||
		!strings.Contains(list, "commitment_center") ||
		!editionLine.MatchString(list) {
		t.Fatalf("pack list = %q, %v", list, err)
	}
	made, err := runOut("admin", "create-tenant", "-tenant", "Acme", "-name", "Han",
		"-email", "han@acme.cn")
	if err != nil {
		t.Fatalf("create-tenant: %v\n%s", err, made)
	}
	tenant := regexp.MustCompile(`\(id ([^)]+)\)`).FindStringSubmatch(made)[1]

	tests := []struct {
		name, id, want string
		fails          bool
	}{
		{"first install", "lead_followup", "pack lead_followup installed as app", false},
		{"second install", "lead_followup", "was already installed", false},
		{"an edition beside its base", "saas_edition",
			"/forms/lead/key: This key is already used", true},
		{"unknown pack", "nope", `There is no template "nope"`, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, err := runOut("pack", "install", "-tenant", tenant, "-id", tt.id)
			if (err != nil) != tt.fails {
				t.Fatalf("err = %v, fails %v; output %q", err, tt.fails, out)
			}
			if got := out + errString(err); !strings.Contains(got, tt.want) {
				t.Errorf("output = %q, want it to contain %q", got, tt.want)
			}
		})
	}
}

func errString(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}
