package record

import (
	"testing"
	"time"
)

// FuzzDecodeCursor feeds arbitrary strings to the cursor parser: it never
// panics, refuses what encodeCursor did not make, and reads back exactly
// what encodeCursor wrote.
func FuzzDecodeCursor(f *testing.F) {
	at := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	f.Add(encodeCursor("-created_at", at, "01jd3k6x0f7m9r2t4v6w8y0z1a"), "-created_at")
	f.Add("eyJzIjoiY3JlYXRlZF9hdCJ9", "created_at")
	f.Add("", "updated_at")
	f.Add("%%%", "created_at")

	f.Fuzz(func(t *testing.T, s, sort string) {
		c, err := decodeCursor(s, sort)
		if err != nil {
			return
		}
		if c.Sort != sort {
			t.Fatalf("cursor for %q accepted under sort %q", c.Sort, sort)
		}
		again, err := decodeCursor(encodeCursor(c.Sort, c.time(), c.ID), sort)
		if err != nil || again != c {
			t.Fatalf("round trip of %+v = %+v, %v", c, again, err)
		}
	})
}

// FuzzValidateActivity checks that activity validation never panics and
// that whatever it accepts stays within the documented limits.
func FuzzValidateActivity(f *testing.F) {
	now := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	f.Add("call", 300, "note", "", "", "", int64(0))
	f.Add("external", 0, "", "website", "pricing_page_viewed", "evt-1", int64(-60))
	f.Add("viewed", -1, "", "Bad Source", "x", "", int64(7200))

	f.Fuzz(func(t *testing.T, kind string, dur int, note, source, name, ext string,
		offsetS int64) {
		in := ActivityInput{Kind: ActivityKind(kind), DurationS: dur, Note: note,
			Source: source, Name: name, ExternalID: ext}
		if offsetS != 0 {
			in.At = now.Add(time.Duration(offsetS%(1<<32)) * time.Second)
		}
		if validateActivity(in, now) != nil {
			return
		}
		if !isLoggable(in.Kind) || dur < 0 || dur > maxDurationS {
			t.Fatalf("accepted %+v", in)
		}
		if ext != "" && source == "" {
			t.Fatalf("accepted an external id without a source: %+v", in)
		}
	})
}
