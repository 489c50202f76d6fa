package form

import (
	"encoding/json"
	"net/url"
	"strings"

	"github.com/formworkhq/formwork/designer/expr"
)

// urlKind is a web address. The schema's "uri" format checks its syntax;
// the kind also insists on http or https, because the address is shown as
// a link and "javascript:" or "file:" links must never reach a browser.
type urlKind struct{}

func (urlKind) name() string      { return "url" }
func (urlKind) label() Text       { return text("Web address", "网址") }
func (urlKind) widgets() []string { return []string{"url"} }

func (urlKind) parseSettings(raw json.RawMessage) (any, []issue) {
	return parseNoSettings(raw)
}

func (urlKind) fragment(any) map[string]any {
	return map[string]any{"type": "string", "format": "uri", "maxLength": 2048}
}

func (k urlKind) checkProperty(p property, _ any) []issue {
	return wantStringFormat(p, k, "uri")
}

func (urlKind) exprType(property, any) expr.Type { return expr.String }

func (urlKind) checkValue(v any, _ any) []issue {
	s, _ := v.(string)
	u, err := url.Parse(s)
	if err != nil {
		return nil // the format keyword reports it
	}

	scheme := strings.ToLower(u.Scheme)
	if (scheme != "http" && scheme != "https") || u.Host == "" {
		return []issue{{code: "url_scheme"}}
	}
	return nil
}
