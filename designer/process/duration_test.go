package process_test

import (
	"errors"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/formworkhq/formwork/designer/process"
)

func errorsAs[T error](err error, target *T) bool { return errors.As(err, target) }

func TestParseDuration(t *testing.T) {
	tests := []struct {
		in      string
		want    process.Duration
		wantErr error
		str     string
	}{
		{in: "2h", want: process.Duration{Length: 2 * time.Hour}, str: "2h"},
		{in: "90m", want: process.Duration{Length: 90 * time.Minute}, str: "1h 30m"},
		{in: "3d", want: process.Duration{Length: 72 * time.Hour}, str: "3d"},
		{in: "48h", want: process.Duration{Length: 48 * time.Hour}, str: "2d"},
		{in: "1d 4h", want: process.Duration{Length: 28 * time.Hour}, str: "1d 4h"},
		{in: "8h business", want: process.Duration{Length: 8 * time.Hour, Business: true},
			str: "8h business"},
		{in: " 1d  2h 5m  business ", want: process.Duration{
			Length: 26*time.Hour + 5*time.Minute, Business: true, Days: 1},
			str: "1d 2h 5m business"},
		{in: "1m", want: process.Duration{Length: time.Minute}, str: "1m"},
		{in: "366d", want: process.Duration{Length: 366 * 24 * time.Hour}, str: "366d"},
		{in: "", wantErr: process.ErrDurationSyntax},
		{in: "business", wantErr: process.ErrDurationSyntax},
		{in: "2", wantErr: process.ErrDurationSyntax},
		{in: "two hours", wantErr: process.ErrDurationSyntax},
		{in: "2H", want: process.Duration{Length: 2 * time.Hour}, str: "2h"},
		{in: "4h 1d", want: process.Duration{Length: 28 * time.Hour}, str: "1d 4h"},
		{in: "1h 1h", wantErr: process.ErrDurationSyntax},
		{in: "-2h", wantErr: process.ErrDurationSyntax},
		{in: "+2h", wantErr: process.ErrDurationSyntax},
		{in: "1.5h", wantErr: process.ErrDurationSyntax},
		{in: "2h Business", want: process.Duration{Length: 2 * time.Hour, Business: true},
			str: "2h business"},
		{in: "business 2h", wantErr: process.ErrDurationSyntax},
		{in: "1d 1h 1m 1s", wantErr: process.ErrDurationRange},
		{in: "0m", wantErr: process.ErrDurationRange},
		{in: "30s", wantErr: process.ErrDurationRange},
		{in: "367d", wantErr: process.ErrDurationRange},
		{in: "99999999h", wantErr: process.ErrDurationRange},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := process.ParseDuration(tt.in)
			if !errors.Is(err, tt.wantErr) {
				t.Fatalf("ParseDuration(%q) error = %v, want %v", tt.in, err, tt.wantErr)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("ParseDuration(%q) (-want +got):\n%s", tt.in, diff)
			}
			if err == nil && got.String() != tt.str {
				t.Errorf("String() = %q, want %q", got.String(), tt.str)
			}
		})
	}
}

func FuzzParseDuration(f *testing.F) {
	for _, s := range []string{"2h", "90m", "1d 4h business", "366d", "0d 1m", "1d  24h"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := process.ParseDuration(s)
		if err != nil {
			return
		}
		if d.Length < process.MinDuration || d.Length > process.MaxDuration {
			t.Fatalf("ParseDuration(%q) = %v, outside the limits", s, d.Length)
		}
		again, err := process.ParseDuration(d.String())
		if err != nil {
			t.Fatalf("ParseDuration(%q) of String() of %q: %v", d.String(), s, err)
		}
		if again != d {
			t.Fatalf("round trip of %q: %+v, then %+v", s, d, again)
		}
	})
}
