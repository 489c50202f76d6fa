package runtime

import (
	"context"
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/formworkhq/formwork/internal/auth"
	"github.com/formworkhq/formwork/internal/i18n"
	"github.com/formworkhq/formwork/internal/testenv"
	"github.com/formworkhq/formwork/runtime/outbox"
)

func TestEmailAddressesCarryTheirLocales(t *testing.T) {
	store := testenv.Mongo(t)
	users := store.Scope("t1").C(auth.UsersCollection)
	for _, u := range []*auth.User{
		{ID: "u1", Email: "li@example.com", Locale: i18n.English},
		{ID: "u2", Email: "Han@Example.com", Locale: i18n.Chinese},
		{ID: "u3", Email: "off@example.com", Disabled: true}} {
		if err := users.InsertOne(context.Background(), u); err != nil {
			t.Fatal(err)
		}
	}
	p := pluginSender{store: store}

	book, err := p.addresses(context.Background(), "t1", outbox.ChannelEmail,
		[]string{"u1", "u2", "u3", "guest@example.com", "nobody"})
	if err != nil {
		t.Fatal(err)
	}

	if diff := cmp.Diff([]string{"li@example.com", "Han@Example.com", "guest@example.com"},
		book.addrs); diff != "" {
		t.Errorf("addresses (-want +got):\n%s", diff)
	}
	payload := withLocales(map[string]any{"locale": "en"}, book.locales)
	want := map[string]any{"li@example.com": "en", "han@example.com": "zh-CN"}
	if diff := cmp.Diff(want, payload["recipient_locales"]); diff != "" {
		t.Errorf("recipient locales (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"u3", "nobody"}, book.missing); diff != "" {
		t.Errorf("missing (-want +got):\n%s", diff)
	}
}

func TestReportMapsAddressesBackToRecipients(t *testing.T) {
	book := newAddressBook()
	book.add("u1", "ZhangSan")
	book.add("u2", "lisi")
	book.missing = []string{"u3"}
	cases := []struct {
		name        string
		err         error
		wantReached []string
		wantRefused []string
		wantErr     bool
	}{
		{"delivered: the missing are refused", nil, []string{}, []string{"u3"}, false},
		{"vendor refusal in lower case", &outbox.PartialError{Reached: []string{"lisi"},
			Refused: []outbox.RecipientError{{Recipient: "zhangsan", Error: "invalid"}}},
			[]string{"u2"}, []string{"u1", "u3"}, false},
		{"a failure with progress", &outbox.PartialError{Reached: []string{"ZhangSan"},
			Err: outbox.Retryable(errors.New("busy"))}, []string{"u1"}, []string{"u3"}, true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := book.report(outbox.ChannelWeCom, "M1", tc.err)
			pe, ok := outbox.AsPartial(err)
			if !ok || (pe.Err != nil) != tc.wantErr {
				t.Fatalf("report = %v; want a PartialError, failing %v", err, tc.wantErr)
			}
			var refused []string
			for _, r := range pe.Refused {
				refused = append(refused, r.Recipient)
			}
			if diff := cmp.Diff(tc.wantReached, pe.Reached); diff != "" {
				t.Errorf("reached (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tc.wantRefused, refused); diff != "" {
				t.Errorf("refused (-want +got):\n%s", diff)
			}
		})
	}
}
