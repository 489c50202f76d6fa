package wecom_test

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/formworkhq/formwork/plugins/internal/vendortest"
)

// call is one request the fake WeCom received.
type call = vendortest.Call

// fakeWeCom answers gettoken with numbered tokens and every other path
// with the next scripted answer (the last one repeats), "{token}" in it
// replaced by the request's access token.
type fakeWeCom struct {
	t       *testing.T
	mu      sync.Mutex
	calls   []call
	tokenN  int
	token   []string // scripted gettoken answers; empty means success
	answers []string
}

func newFakeWeCom(t *testing.T, answers ...string) (*fakeWeCom, *httptest.Server) {
	t.Helper()
	f := &fakeWeCom{t: t, answers: answers}
	srv := httptest.NewServer(http.HandlerFunc(f.serve))
	t.Cleanup(srv.Close)

	return f, srv
}

func (f *fakeWeCom) serve(w http.ResponseWriter, r *http.Request) {
	c := vendortest.ReadCall(f.t, r)

	f.mu.Lock()
	defer f.mu.Unlock()
	f.calls = append(f.calls, c)
	if r.URL.Path == "/cgi-bin/gettoken" {
		io.WriteString(w, f.tokenAnswer())
		return
	}
	ans := f.answers[0]
	if len(f.answers) > 1 {
		f.answers = f.answers[1:]
	}
	io.WriteString(w, strings.ReplaceAll(ans, "{token}", r.URL.Query().Get("access_token")))
}

// tokenAnswer is the next gettoken answer; f.mu is held.
func (f *fakeWeCom) tokenAnswer() string {
	if len(f.token) > 0 {
		ans := f.token[0]
		f.token = f.token[1:]
		return ans
	}
	f.tokenN++
	tok := "ACCESS-TOKEN-" + string(rune('0'+f.tokenN))

	return `{"errcode":0,"errmsg":"ok","access_token":"` + tok + `","expires_in":7200}`
}

// paths lists the paths called, in order.
func (f *fakeWeCom) paths() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []string
	for _, c := range f.calls {
		out = append(out, c.Path)
	}
	return out
}

// last returns the last call to path.
func (f *fakeWeCom) last(path string) call {
	f.mu.Lock()
	defer f.mu.Unlock()
	for i := len(f.calls) - 1; i >= 0; i-- {
		if f.calls[i].Path == path {
			return f.calls[i]
		}
	}
	return call{}
}
