package process

import (
	"fmt"
	"strings"
)

// Offset is a signed duration that moves an instant, such as the date a
// timer waits until: "-1d" (a day before), "+2h" or "2h" (two hours
// after), "-4h business" (four working hours before).
type Offset struct {
	// Duration is how far the instant moves.
	Duration
	// Before says the instant moves earlier.
	Before bool
}

// maxOffsetLen bounds the input; real offsets are a few characters.
const maxOffsetLen = 100

// ParseOffset reads an offset: an optional sign ("-" moves earlier, "+" or
// none later) followed by a duration as ParseDuration reads it. It refuses
// with ErrDurationSyntax or ErrDurationRange, as ParseDuration does.
func ParseOffset(s string) (Offset, error) {
	rest := strings.TrimSpace(s)
	if len(rest) > maxOffsetLen {
		return Offset{}, fmt.Errorf("reading offset %q: %w", s, ErrDurationSyntax)
	}

	var o Offset
	switch {
	case strings.HasPrefix(rest, "-"):
		o.Before, rest = true, rest[1:]
	case strings.HasPrefix(rest, "+"):
		rest = rest[1:]
	}
	if strings.HasPrefix(rest, "-") || strings.HasPrefix(rest, "+") {
		return Offset{}, fmt.Errorf("reading offset %q: %w", s, ErrDurationSyntax)
	}

	d, err := ParseDuration(strings.TrimSpace(rest))
	if err != nil {
		return Offset{}, fmt.Errorf("reading offset %q: %w", s, err)
	}
	o.Duration = d
	return o, nil
}

// String writes the offset in the form ParseOffset reads, for example
// "-1d" or "+4h business".
func (o Offset) String() string {
	if o.Before {
		return "-" + o.Duration.String()
	}
	return "+" + o.Duration.String()
}
