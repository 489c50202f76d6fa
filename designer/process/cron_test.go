package process_test

import (
	"errors"
	"testing"
	"time"

	"github.com/formworkhq/formwork/designer/process"
)

func TestParseCron(t *testing.T) {
	shanghai := time.FixedZone("CST", 8*3600)
	from := time.Date(2026, time.February, 13, 10, 0, 0, 0, shanghai) // a Friday
	tests := []struct {
		spec    string
		wantErr error
		next    time.Time
	}{
		{spec: "0 9 * * 1-5", next: time.Date(2026, time.February, 16, 9, 0, 0, 0, shanghai)},
		{spec: "*/15 * * * *", next: time.Date(2026, time.February, 13, 10, 15, 0, 0, shanghai)},
		{spec: "30 18 * * FRI", next: time.Date(2026, time.February, 13, 18, 30, 0, 0, shanghai)},
		{spec: "0 0 29 2 *", next: time.Date(2028, time.February, 29, 0, 0, 0, 0, shanghai)},
		{spec: " 0 9 1 JAN * ", next: time.Date(2027, time.January, 1, 9, 0, 0, 0, shanghai)},
		{spec: "0 0 30 2 *", wantErr: process.ErrCronNeverFires},
		{spec: "0 9 * *", wantErr: process.ErrCronSyntax},
		{spec: "0 0 9 * * 1", wantErr: process.ErrCronSyntax},
		{spec: "@daily", wantErr: process.ErrCronSyntax},
		{spec: "TZ=Asia/Shanghai 0 9 * * *", wantErr: process.ErrCronSyntax},
		{spec: "CRON_TZ=", wantErr: process.ErrCronSyntax},
		{spec: "60 9 * * *", wantErr: process.ErrCronSyntax},
		{spec: "0 9 * * 1/0", wantErr: process.ErrCronSyntax},
		{spec: "", wantErr: process.ErrCronSyntax},
	}
	for _, tt := range tests {
		t.Run(tt.spec, func(t *testing.T) {
			c, err := process.ParseCron(tt.spec)
			if !errors.Is(err, tt.wantErr) {
				t.Fatalf("ParseCron(%q) error = %v, want %v", tt.spec, err, tt.wantErr)
			}
			if err != nil {
				return
			}
			if got := c.Next(from); !got.Equal(tt.next) {
				t.Errorf("Next(%v) = %v, want %v", from, got, tt.next)
			}
		})
	}
}

func FuzzParseCron(f *testing.F) {
	for _, s := range []string{"0 9 * * 1-5", "*/5 1-3 1,15 JAN-MAR MON", "TZ=", "@every 1h",
		"0 0 31 2 *"} {
		f.Add(s)
	}
	from := time.Date(2026, time.March, 1, 0, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, s string) {
		c, err := process.ParseCron(s)
		if err != nil {
			return
		}
		if c.Next(from).IsZero() {
			t.Fatalf("ParseCron(%q) accepted a schedule that never fires", s)
		}
		if _, err := process.ParseCron(c.String()); err != nil {
			t.Fatalf("ParseCron(String()) of %q: %v", s, err)
		}
	})
}
