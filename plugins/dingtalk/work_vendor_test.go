package dingtalk_test

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/formworkhq/formwork/plugins/internal/vendortest"
)

// call is one request the fake DingTalk received.
type call = vendortest.Call

// reply is a scripted answer: an HTTP status (0 means 200), headers and
// a body in which "{token}" becomes the request's access token.
type reply struct {
	status int
	header map[string]string
	body   string
}

// fakeDingTalk answers gettoken with numbered tokens, or the scripted
// token replies, and other paths with the scripted replies (the last
// repeats).
type fakeDingTalk struct {
	t       *testing.T
	mu      sync.Mutex
	calls   []call
	tokenN  int
	token   []reply
	replies []reply
}

func newFakeDingTalk(t *testing.T, replies ...reply) (*fakeDingTalk, *httptest.Server) {
	t.Helper()
	f := &fakeDingTalk{t: t, replies: replies}
	srv := httptest.NewServer(http.HandlerFunc(f.serve))
	t.Cleanup(srv.Close)

	return f, srv
}

func ok(body string) reply { return reply{body: body} }

func (f *fakeDingTalk) serve(w http.ResponseWriter, r *http.Request) {
	c := vendortest.ReadCall(f.t, r)

	f.mu.Lock()
	defer f.mu.Unlock()
	f.calls = append(f.calls, c)
	rep := f.next(r.URL.Path == "/gettoken")
	for k, v := range rep.header {
		w.Header().Set(k, v)
	}
	if rep.status != 0 {
		w.WriteHeader(rep.status)
	}
	io.WriteString(w, strings.ReplaceAll(rep.body, "{token}", r.URL.Query().Get("access_token")))
}

// next is the reply to give; f.mu is held.
func (f *fakeDingTalk) next(token bool) reply {
	if token && len(f.token) > 0 {
		rep := f.token[0]
		f.token = f.token[1:]
		return rep
	}
	if token {
		f.tokenN++
		return ok(`{"errcode":0,"access_token":"DT-TOKEN-` + strconv.Itoa(f.tokenN) +
			`","errmsg":"ok","expires_in":7200}`)
	}

	rep := f.replies[0]
	if len(f.replies) > 1 {
		f.replies = f.replies[1:]
	}
	return rep
}

// paths lists the paths called, in order.
func (f *fakeDingTalk) paths() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []string
	for _, c := range f.calls {
		out = append(out, c.Path)
	}
	return out
}

// sends returns the calls to asyncsend_v2.
func (f *fakeDingTalk) sends() []call {
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []call
	for _, c := range f.calls {
		if c.Path == sendPath {
			out = append(out, c)
		}
	}
	return out
}

const sendPath = "/topapi/message/corpconversation/asyncsend_v2"
