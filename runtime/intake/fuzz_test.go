package intake

import (
	"encoding/json"
	"net/url"
	"testing"
)

// FuzzWithCampaign feeds arbitrary bodies, query strings and referers to
// the submission parser: it refuses or returns a JSON object, never panics.
func FuzzWithCampaign(f *testing.F) {
	f.Add(`{"company":"Acme"}`, "utm_source=baidu", "https://example.com/p?q=1")
	f.Add(`{"utm_source":""}`, "utm_source=%zz", "::")
	f.Add(`[1]`, "", "")
	fields := map[string]bool{"utm_source": true, "landing_page": true, "company": true}
	f.Fuzz(func(t *testing.T, body, query, referer string) {
		q, _ := url.ParseQuery(query)
		raw, err := withCampaign(Submission{Data: json.RawMessage(body), Query: q,
			Referer: referer}, fields)
		if err != nil {
			return
		}
		var out map[string]any
		if json.Unmarshal(raw, &out) != nil || out == nil {
			t.Fatalf("accepted %q but produced %q", body, raw)
		}
	})
}
