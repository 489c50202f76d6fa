package auth

import (
	"net/mail"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/formworkhq/formwork/internal/i18n"
	"github.com/formworkhq/formwork/internal/problem"
)

// Limits on people's fields.
const (
	maxNameLen      = 100
	maxEmailLen     = 254
	minPasswordLen  = 8
	maxPasswordLen  = 200
	maxShortTextLen = 100
)

func normaliseEmail(s string) string { return strings.ToLower(strings.TrimSpace(s)) }

func validateSignup(c *problem.Collector, in SignupInput) {
	checkText(c, "/tenant", in.Tenant, true, maxNameLen)
	checkText(c, "/name", in.Name, true, maxNameLen)
	checkEmail(c, "/email", in.Email)
	checkPassword(c, "/password", in.Password)
	checkLocale(c, "/locale", in.Locale)
}

func checkText(c *problem.Collector, ptr, v string, required bool, max int) {
	switch n := utf8.RuneCountInString(strings.TrimSpace(v)); {
	case required && n == 0:
		c.Add(ptr, "required", nil)
	case n > max:
		c.Add(ptr, "too_long", i18n.Params{"max": max})
	}
}

func checkEmail(c *problem.Collector, ptr, v string) {
	if v == "" {
		c.Add(ptr, "required", nil)
		return
	}
	addr, err := mail.ParseAddress(v)
	if err != nil || addr.Address != v || len(v) > maxEmailLen {
		c.Add(ptr, "invalid_email", nil)
	}
}

func checkPassword(c *problem.Collector, ptr, v string) {
	switch n := utf8.RuneCountInString(v); {
	case n == 0:
		c.Add(ptr, "required", nil)
	case n < minPasswordLen:
		c.Add(ptr, "too_short", i18n.Params{"min": minPasswordLen})
	case n > maxPasswordLen:
		c.Add(ptr, "too_long", i18n.Params{"max": maxPasswordLen})
	}
}

func checkLocale(c *problem.Collector, ptr string, l i18n.Locale) {
	if l != "" && !i18n.Valid(string(l)) {
		c.Add(ptr, "invalid_locale", i18n.Params{"allowed": "zh-CN, en"})
	}
}

func checkRoles(c *problem.Collector, ptr string, roles []Role, granter []Role) {
	if len(roles) == 0 {
		c.Add(ptr, "required", nil)
		return
	}
	seen := map[Role]bool{}
	for i, r := range roles {
		p := ptr + "/" + strconv.Itoa(i)
		switch {
		case !ValidRole(r):
			c.Add(p, "invalid_role", i18n.Params{"role": r, "allowed": roleList()})
		case seen[r]:
			c.Add(p, "duplicate", nil)
		case r == Owner && !hasRole(granter, Owner):
			c.Add(p, "role_not_grantable", nil)
		}
		seen[r] = true
	}
}

func hasRole(roles []Role, r Role) bool { return slices.Contains(roles, r) }

func roleList() string {
	names := make([]string, len(Roles))
	for i, r := range Roles {
		names[i] = string(r)
	}
	return strings.Join(names, ", ")
}
