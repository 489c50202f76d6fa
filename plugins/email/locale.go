package email

import (
	"net/mail"
	"slices"
	"strings"

	"github.com/formworkhq/formwork/internal/i18n"
	"github.com/formworkhq/formwork/plugins"
	"github.com/formworkhq/formwork/runtime/outbox"
)

// localeGroup is the recipients of one letter and its locale ("" means
// the message names none: DefaultLocale's template, texts as the channel
// layer picks them).
type localeGroup struct {
	locale     i18n.Locale
	recipients []string
}

// byLocale groups m's recipients by their locale, in the order each
// locale first appears. A recipient's locale is the one
// m.Payload["recipient_locales"] gives for its address, else the
// message's own.
func byLocale(m *outbox.Message) []localeGroup {
	known := recipientLocales(m.Payload["recipient_locales"])
	fallback := messageLocale(m)

	var out []localeGroup
	for _, r := range m.Recipients {
		loc, ok := known[addressKey(r)]
		if !ok {
			loc = fallback
		}
		i := slices.IndexFunc(out, func(g localeGroup) bool { return g.locale == loc })
		if i < 0 {
			out, i = append(out, localeGroup{locale: loc}), len(out)
		}
		out[i].recipients = append(out[i].recipients, r)
	}

	return out
}

// recipientLocales reads the payload's address → locale map (the
// channel layer passes it in memory; a stored one is read too), keeping
// supported locales only.
func recipientLocales(v any) map[string]i18n.Locale {
	obj, err := plugins.PlainObject(v)
	if err != nil {
		return nil
	}

	out := make(map[string]i18n.Locale, len(obj))
	for addr, tag := range obj {
		s, _ := tag.(string)
		if l, ok := i18n.Parse(s); ok && s != "" {
			out[strings.ToLower(addr)] = l
		}
	}

	return out
}

// addressKey is the lower-case bare address of a recipient.
func addressKey(r string) string {
	if a, err := mail.ParseAddress(r); err == nil {
		return strings.ToLower(a.Address)
	}
	return strings.ToLower(r)
}
