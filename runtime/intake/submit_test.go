package intake

import (
	"encoding/json"
	"net/url"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func TestWithCampaignFillsOnlyEmptyFieldsTheFormHas(t *testing.T) {
	fields := map[string]bool{"company": true, "utm_source": true, "utm_campaign": true,
		"landing_page": true}
	in := Submission{Data: json.RawMessage(`{"company":"Acme","utm_campaign":"own","n":1.50}`),
		Query:   url.Values{"utm_source": {" baidu "}, "utm_campaign": {"q"}, "utm_term": {"x"}},
		Referer: "https://example.com/landing?gclid=secret#top"}
	raw, err := withCampaign(in, fields)
	if err != nil {
		t.Fatal(err)
	}
	var got map[string]any
	if err := json.Unmarshal(raw, &got); err != nil {
		t.Fatal(err)
	}
	want := map[string]any{"company": "Acme", "utm_campaign": "own", "utm_source": "baidu",
		"landing_page": "https://example.com/landing", "n": 1.5}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("data (-want +got):\n%s", diff)
	}

	for _, bad := range []string{`[]`, `"x"`, `null`, `{`} {
		if _, err := withCampaign(Submission{Data: json.RawMessage(bad)}, fields); err == nil {
			t.Errorf("%s was accepted", bad)
		}
	}
	ref := Submission{Data: json.RawMessage(`{}`), Referer: "javascript:alert(1)"}
	if raw, _ := withCampaign(ref, fields); string(raw) != `{}` {
		t.Errorf("a javascript: referer was kept: %s", raw)
	}
}

func TestLimiterPerAddressAndPerLink(t *testing.T) {
	l := newLimiter(Config{PerAddress: 2, PerLink: 3})
	now := time.Date(2026, 1, 1, 9, 0, 0, 0, time.UTC)
	allowed := func(addr string) bool { ok, _ := l.allow("link", addr, now); return ok }
	if !allowed("a") || !allowed("a") {
		t.Fatal("the first two posts of an address were refused")
	}
	if ok, wait := l.allow("link", "a", now); ok || wait < time.Second {
		t.Errorf("a third post = %v, wait %v; want refused with a wait", ok, wait)
	}
	if !allowed("b") {
		t.Error("another address was refused")
	}
	if allowed("c") {
		t.Error("the link took more than its limit from everyone together")
	}
	now = now.Add(time.Minute)
	if !allowed("a") {
		t.Error("a minute later the address is still refused")
	}
}
