package process_test

import (
	"errors"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/formworkhq/formwork/designer/process"
)

func TestParseOffset(t *testing.T) {
	day := process.Duration{Length: 24 * time.Hour}
	tests := []struct {
		in      string
		want    process.Offset
		wantErr error
		str     string
	}{
		{in: "-1d", want: process.Offset{Duration: day, Before: true}, str: "-1d"},
		{in: "+1d", want: process.Offset{Duration: day}, str: "+1d"},
		{in: "1d", want: process.Offset{Duration: day}, str: "+1d"},
		{in: " - 4h business ", want: process.Offset{Before: true,
			Duration: process.Duration{Length: 4 * time.Hour, Business: true}},
			str: "-4h business"},
		{in: "-1d 2h", want: process.Offset{Before: true,
			Duration: process.Duration{Length: 26 * time.Hour}}, str: "-1d 2h"},
		{in: "", wantErr: process.ErrDurationSyntax},
		{in: "-", wantErr: process.ErrDurationSyntax},
		{in: "--1d", wantErr: process.ErrDurationSyntax},
		{in: "+-1d", wantErr: process.ErrDurationSyntax},
		{in: "-yesterday", wantErr: process.ErrDurationSyntax},
		{in: "-0m", wantErr: process.ErrDurationRange},
		{in: "-400d", wantErr: process.ErrDurationRange},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := process.ParseOffset(tt.in)
			if !errors.Is(err, tt.wantErr) {
				t.Fatalf("ParseOffset(%q) error = %v, want %v", tt.in, err, tt.wantErr)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("ParseOffset(%q) (-want +got):\n%s", tt.in, diff)
			}
			if err == nil && got.String() != tt.str {
				t.Errorf("String() = %q, want %q", got.String(), tt.str)
			}
		})
	}
}

func FuzzParseOffset(f *testing.F) {
	for _, s := range []string{"-1d", "+2h", "4h business", "- 1d 4h business", "--1d", "-"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		o, err := process.ParseOffset(s)
		if err != nil {
			return
		}
		if o.Length < process.MinDuration || o.Length > process.MaxDuration {
			t.Fatalf("ParseOffset(%q) = %v, outside the limits", s, o.Length)
		}
		again, err := process.ParseOffset(o.String())
		if err != nil {
			t.Fatalf("ParseOffset(%q) of String() of %q: %v", o.String(), s, err)
		}
		if again != o {
			t.Fatalf("round trip of %q: %+v, then %+v", s, o, again)
		}
	})
}
