package calendar

import (
	"strings"
	"time"
	"unicode"

	"github.com/formworkhq/formwork/internal/i18n"
)

// units maps the unit words a duration may use to their length.
var units = map[string]time.Duration{
	"d": day24, "day": day24, "days": day24,
	"h": time.Hour, "hr": time.Hour, "hrs": time.Hour, "hour": time.Hour, "hours": time.Hour,
	"m": time.Minute, "min": time.Minute, "mins": time.Minute, "minute": time.Minute,
	"minutes": time.Minute,
	"s":       time.Second, "sec": time.Second, "secs": time.Second, "second": time.Second,
	"seconds": time.Second,
}

// maxAmount is more than any unit may count within MaxDurationDays.
const maxAmount = MaxDurationDays*24*60*60 + 1

// ParseDuration reads a duration as implementers write it: amounts with
// units (d, h, m, s, or their English words), each unit at most once,
// optionally followed by "business" for working time: "2h", "90m", "3d",
// "48h", "90m business", "3d business", "1d 4h business". Case and spaces
// do not matter. The duration must be longer than zero and at most
// MaxDurationDays days. Every refusal is a *DurationError.
func ParseDuration(s string) (Duration, error) {
	words, business := durationWords(s)
	if len(words) == 0 {
		return Duration{}, badDuration(s, "no amount")
	}

	var d Duration
	seen := map[time.Duration]bool{}
	for i := 0; i < len(words); i += 2 {
		amount, unit, ok := amountAndUnit(words, i)
		if !ok {
			return Duration{}, badDuration(s, "expected an amount followed by a unit")
		}
		if seen[unit] {
			return Duration{}, badDuration(s, "a unit appears twice")
		}
		seen[unit] = true
		addAmount(&d, amount, unit, business)
	}
	d.Business = business
	return d, checkLimits(s, d)
}

// durationWords splits s into alternating amounts and unit words, and
// takes off a trailing "business".
func durationWords(s string) ([]string, bool) {
	words := splitWords(strings.ToLower(s))
	n := len(words)
	if n > 0 && words[n-1] == "business" {
		return words[:n-1], true
	}
	return words, false
}

// splitWords cuts s at spaces and wherever digits meet letters, so "1d4h"
// reads as "1", "d", "4", "h".
func splitWords(s string) []string {
	var words []string
	start := -1
	kind := func(r rune) int {
		switch {
		case r >= '0' && r <= '9':
			return 1
		case unicode.IsSpace(r):
			return 0
		}
		return 2
	}

	prev := 0
	for i, r := range s {
		k := kind(r)
		if k != prev && start >= 0 {
			words = append(words, s[start:i])
			start = -1
		}
		if k != 0 && start < 0 {
			start = i
		}
		prev = k
	}

	if start >= 0 {
		words = append(words, s[start:])
	}
	return words
}

// amountAndUnit reads words[i] as an amount and words[i+1] as its unit.
func amountAndUnit(words []string, i int) (int, time.Duration, bool) {
	if i+1 >= len(words) {
		return 0, 0, false
	}
	unit, ok := units[words[i+1]]
	if !ok {
		return 0, 0, false
	}

	amount := 0
	for _, r := range words[i] {
		if r < '0' || r > '9' {
			return 0, 0, false
		}
		amount = min(amount*10+int(r-'0'), maxAmount)
	}
	return amount, unit, true
}

// addAmount adds amount units to d; business days are kept as Days.
// Amounts are capped just past the limit, so no sum can overflow.
func addAmount(d *Duration, amount int, unit time.Duration, business bool) {
	amount = min(amount, int(MaxDurationDays*day24/unit)+1)

	if unit == day24 && business {
		d.Days += amount
		return
	}
	d.Length += time.Duration(amount) * unit
}

func checkLimits(s string, d Duration) error {
	switch nominal := d.Nominal(); {
	case nominal <= 0:
		return &DurationError{Code: CodeDurationNotPositive, Input: s, Detail: "not positive"}
	case nominal > MaxDurationDays*day24:
		return &DurationError{Code: CodeDurationTooLong, Input: s,
			Params: i18n.Params{"max": MaxDurationDays},
			Detail: "longer than the limit of days"}
	}
	return nil
}
