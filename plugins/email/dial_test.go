package email_test

import (
	"context"
	"errors"
	"net"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/formworkhq/formwork/internal/clock"
	"github.com/formworkhq/formwork/plugins"
	"github.com/formworkhq/formwork/plugins/email"
	"github.com/formworkhq/formwork/plugins/httpx"
	"github.com/formworkhq/formwork/runtime/outbox"
)

// TestSMTPHostOnALocalAddressIsRefused sends to a fake server on
// loopback: refused at dial time (permanently, nothing received) unless
// the host is allow-listed, whether the plugins' client is given or not.
func TestSMTPHostOnALocalAddressIsRefused(t *testing.T) {
	cases := []struct {
		name        string
		client      *http.Client
		wantRefused bool
	}{
		{"no client", nil, true},
		{"client without allow-list", httpx.NewClient(httpx.Options{}), true},
		{"client allowing another host", httpx.NewClient(httpx.Options{
			Allow: []string{"smtp.example.com"}}), true},
		{"client allowing the host", httpx.NewClient(httpx.Options{
			Allow: []string{"127.0.0.1"}}), false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			srv := newFakeSMTP(t, nil)
			host, port, _ := net.SplitHostPort(srv.addr)
			p, _ := strconv.Atoi(port)
			snd, err := email.Plugin{}.NewSender(plugins.Env{Clock: clock.NewManual(now),
				HTTP: tc.client, Settings: map[string]any{"host": host, "port": p,
					"from": "crm@example.com", "security": "none"}})
			if err != nil {
				t.Fatal(err)
			}

			_, err = snd.Send(context.Background(), &outbox.Message{ID: "m",
				Recipients: []string{"a@example.com"}})
			refused := errors.Is(err, httpx.ErrForbiddenAddress)
			if refused != tc.wantRefused {
				t.Fatalf("err = %v, want refused %v", err, tc.wantRefused)
			}
			if refused && (!outbox.IsPermanent(err) || len(srv.received()) != 0 ||
				!strings.Contains(err.Error(), "allow")) {
				t.Errorf("err = %v, received %d; want a permanent refusal, nothing sent",
					err, len(srv.received()))
			}
		})
	}
}
