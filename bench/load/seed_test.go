package main

import (
	"errors"
	"io"
	"strings"
	"testing"
)

// TestScaleOptions accepts the dashboard scale sizes on a store the tool
// can write into and refuses bad ones with a message naming the flag.
func TestScaleOptions(t *testing.T) {
	local := []string{"-stores", "local"}
	tests := []struct {
		name string
		args []string
		want string // "" accepts
	}{
		{"a million and ten million", append(local, "-dashboard-records", "1000000",
			"-dashboard-activities", "10000000"), ""},
		{"records alone", append(local, "-dashboard-records", "5000"), ""},
		{"too few records", append(local, "-dashboard-records", "10"),
			"-dashboard-records 10 is out of range"},
		{"negative records", append(local, "-dashboard-records", "-1"),
			"-dashboard-records -1 is out of range"},
		{"too many records", append(local, "-dashboard-records", "20000000"),
			"-dashboard-records 20000000 is out of range"},
		{"negative calls", append(local, "-dashboard-records", "5000",
			"-dashboard-activities", "-3"), "-dashboard-activities -3 is out of range"},
		{"calls without leads", append(local, "-dashboard-activities", "5000"),
			"-dashboard-activities needs -dashboard-records"},
		{"embedded", []string{"-dashboard-records", "5000"}, "use -stores local"},
		{"not a number", append(local, "-dashboard-records", "1M"), `invalid value "1M"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o, err := parseOptions(tt.args, io.Discard)
			if tt.want == "" {
				if err != nil || o.dashboardRecords == 0 {
					t.Fatalf("parseOptions(%q) = %+v, %v", tt.args, o, err)
				}
				return
			}
			var ue *usageError
			if !errors.As(err, &ue) || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("parseOptions(%q) = %v, want a usage error with %q", tt.args, err,
					tt.want)
			}
		})
	}
}
