package form

import "regexp"

// keyPattern is what form keys and property keys look like: short, lower
// case, usable as a variable in expressions and as a stored field name.
var keyPattern = regexp.MustCompile(`^[a-z][a-z0-9_]{0,62}$`)

// celReserved are the words CEL's grammar keeps for itself; a field named
// like one could not be written in an expression.
var celReserved = map[string]bool{
	"as": true, "break": true, "const": true, "continue": true, "else": true,
	"false": true, "for": true, "function": true, "if": true, "import": true,
	"in": true, "let": true, "loop": true, "package": true, "namespace": true,
	"null": true, "return": true, "true": true, "var": true, "void": true,
	"while": true,
}

// checkKey reports a property key that cannot be a field name; pointers are
// relative to the property.
func checkKey(key string) []issue {
	switch {
	case !keyPattern.MatchString(key):
		return []issue{{code: "property_key", params: map[string]any{"key": key}}}
	case celReserved[key]:
		return []issue{{code: "property_reserved", params: map[string]any{"key": key}}}
	}
	return nil
}
