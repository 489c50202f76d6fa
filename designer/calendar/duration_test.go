package calendar_test

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/formworkhq/formwork/designer/calendar"
	"github.com/formworkhq/formwork/internal/i18n"
)

func TestParseDuration(t *testing.T) {
	tests := []struct {
		in     string
		want   calendar.Duration
		string string
	}{
		{"2h", calendar.Duration{Length: 2 * time.Hour}, "2h"},
		{"90m", calendar.Duration{Length: 90 * time.Minute}, "1h 30m"},
		{"3d", calendar.Duration{Length: 72 * time.Hour}, "3d"},
		{"48h", calendar.Duration{Length: 48 * time.Hour}, "2d"},
		{"90m business", calendar.Duration{Length: 90 * time.Minute, Business: true},
			"1h 30m business"},
		{"3d business", calendar.Duration{Days: 3, Business: true}, "3d business"},
		{"1d 4h business", calendar.Duration{Days: 1, Length: 4 * time.Hour, Business: true},
			"1d 4h business"},
		{"48h business", calendar.Duration{Length: 48 * time.Hour, Business: true},
			"48h business"},
		{"1D4H Business", calendar.Duration{Days: 1, Length: 4 * time.Hour, Business: true},
			"1d 4h business"},
		{" 2 hours 30 minutes ", calendar.Duration{Length: 150 * time.Minute}, "2h 30m"},
		{"45s", calendar.Duration{Length: 45 * time.Second}, "45s"},
		{"366d", calendar.Duration{Length: 366 * 24 * time.Hour}, "366d"},
		{"366d business", calendar.Duration{Days: 366, Business: true}, "366d business"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := calendar.ParseDuration(tt.in)
			if err != nil {
				t.Fatalf("ParseDuration(%q): %v", tt.in, err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("ParseDuration(%q) (-want +got):\n%s", tt.in, diff)
			}
			if got.String() != tt.string {
				t.Errorf("String() = %q, want %q", got.String(), tt.string)
			}
			back, err := calendar.ParseDuration(got.String())
			if err != nil || back != got {
				t.Errorf("ParseDuration(String()) = %+v, %v; want %+v", back, err, got)
			}
		})
	}
}

func TestParseDurationRefusals(t *testing.T) {
	tests := []struct {
		in, code string
	}{
		{"", calendar.CodeBadDuration},
		{"business", calendar.CodeBadDuration},
		{"2", calendar.CodeBadDuration},
		{"h", calendar.CodeBadDuration},
		{"2x", calendar.CodeBadDuration},
		{"-2h", calendar.CodeBadDuration},
		{"1.5h", calendar.CodeBadDuration},
		{"1h 1h", calendar.CodeBadDuration},
		{"1h 60m 1h", calendar.CodeBadDuration},
		{"business 2h", calendar.CodeBadDuration},
		{"2h business business", calendar.CodeBadDuration},
		{"2小时", calendar.CodeBadDuration},
		{"0h", calendar.CodeDurationNotPositive},
		{"0d business", calendar.CodeDurationNotPositive},
		{"367d", calendar.CodeDurationTooLong},
		{"8785h", calendar.CodeDurationTooLong},
		{"366d 1m", calendar.CodeDurationTooLong},
		{"99999999999999999999999d", calendar.CodeDurationTooLong},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			_, err := calendar.ParseDuration(tt.in)
			var de *calendar.DurationError
			if !errors.As(err, &de) {
				t.Fatalf("ParseDuration(%q) error = %v, want a *DurationError", tt.in, err)
			}
			if de.Code != tt.code {
				t.Errorf("code = %q, want %q", de.Code, tt.code)
			}
			if !errors.Is(err, calendar.ErrBadDuration) {
				t.Errorf("errors.Is(err, ErrBadDuration) = false")
			}
			for l, msg := range de.Messages() {
				if msg == "" || msg == de.Code || strings.Contains(msg, "{") {
					t.Errorf("%s message %q is not filled in", l, msg)
				}
			}
		})
	}
}

func TestDurationMessages(t *testing.T) {
	_, err := calendar.ParseDuration("3 weeks")
	var de *calendar.DurationError
	if !errors.As(err, &de) {
		t.Fatalf("want a *DurationError, got %v", err)
	}
	want := map[i18n.Locale]string{
		i18n.English: `"3 weeks" is not a duration; write it like "2h", "90m", "3d" or ` +
			`"1d 4h business"`,
		i18n.Chinese: "“3 weeks”不是有效的时长，请按“2h”“90m”“3d”或“1d 4h business”的格式填写",
	}
	if diff := cmp.Diff(want, de.Messages()); diff != "" {
		t.Errorf("Messages() (-want +got):\n%s", diff)
	}
}

func TestDurationJSON(t *testing.T) {
	type due struct {
		Due calendar.Duration `json:"due"`
	}
	var got due
	if err := json.Unmarshal([]byte(`{"due":"1d 4h business"}`), &got); err != nil {
		t.Fatalf("decoding: %v", err)
	}
	out, err := json.Marshal(got)
	if err != nil {
		t.Fatalf("encoding: %v", err)
	}
	if diff := cmp.Diff(`{"due":"1d 4h business"}`, string(out)); diff != "" {
		t.Errorf("round trip (-want +got):\n%s", diff)
	}
	if err := json.Unmarshal([]byte(`{"due":"soon"}`), &got); !errors.Is(err,
		calendar.ErrBadDuration) {
		t.Errorf("decoding a bad duration: err = %v, want ErrBadDuration", err)
	}
}
