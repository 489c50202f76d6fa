package record

import (
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/formworkhq/formwork/internal/problem"
)

// FuzzSearch feeds arbitrary text to the customer search's parser: it
// never panics, what it accepts is short, and the pattern it builds
// compiles and matches the accepted text itself literally, in any case.
func FuzzSearch(f *testing.F) {
	for _, s := range []string{"acme", " 杭州 ", "a.c*(", `\`, "acme\x00", "\xff", "[^]$"} {
		f.Add(s)
	}

	f.Fuzz(func(t *testing.T, s string) {
		var c problem.Collector
		got := checkSearch(&c, s)
		if c.Err() != nil {
			return
		}
		if utf8.RuneCountInString(got) > MaxSearchLen || got != strings.TrimSpace(got) {
			t.Fatalf("accepted %q as %q", s, got)
		}
		re, err := regexp.Compile("(?i)" + searchPattern(got))
		if err != nil {
			t.Fatalf("pattern of %q: %v", got, err)
		}
		if !re.MatchString("x" + strings.ToUpper(got) + "y") {
			t.Fatalf("pattern of %q misses the text itself", got)
		}
	})
}
