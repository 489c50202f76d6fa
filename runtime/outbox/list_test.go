package outbox_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/formworkhq/formwork/internal/problem"
	"github.com/formworkhq/formwork/runtime/outbox"
)

func TestListFilters(t *testing.T) {
	e := newEnv(t, outbox.Config{})
	e.svc.RegisterSender(outbox.ChannelWeCom, &fakeSender{})
	ids := map[string]string{}
	for _, spec := range []struct{ key, channel, record string }{
		{"a", outbox.ChannelWeCom, "r1"}, {"b", outbox.ChannelEmail, "r1"},
		{"c", outbox.ChannelWeCom, "r2"}, {"d", outbox.ChannelWeCom, "r1"},
	} {
		m, err := e.svc.Add(t.Context(), tenant, outbox.Message{
			DedupeKey: spec.key, Channel: spec.channel, Kind: outbox.KindNotify,
			RecordID: spec.record,
		})
		if err != nil {
			t.Fatal(err)
		}
		ids[m.ID] = spec.key
	}
	for id, key := range ids {
		if key == "a" {
			e.deliver(t, id)
		}
	}

	tests := []struct {
		name string
		q    outbox.Query
		want []string
	}{
		{"all, newest first", outbox.Query{}, []string{"d", "c", "b", "a"}},
		{"by record", outbox.Query{RecordID: "r1"}, []string{"d", "b", "a"}},
		{"by channel", outbox.Query{Channel: outbox.ChannelEmail}, []string{"b"}},
		{"by status", outbox.Query{Status: outbox.StatusDelivered}, []string{"a"}},
		{"record and status", outbox.Query{RecordID: "r1", Status: outbox.StatusPending},
			[]string{"d", "b"}},
		{"nothing", outbox.Query{RecordID: "r9"}, []string{}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			page, err := e.svc.List(t.Context(), admin(), tc.q)
			if err != nil {
				t.Fatal(err)
			}
			got := []string{}
			for _, d := range page.Items {
				got = append(got, ids[d.ID])
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("keys (-want +got):\n%s", diff)
			}
		})
	}
}

func TestListPages(t *testing.T) {
	e := newEnv(t, outbox.Config{})
	for _, key := range []string{"a", "b", "c"} {
		e.add(t, outbox.ChannelWeCom, key)
	}

	var got []int
	q := outbox.Query{Limit: 2}
	for {
		page, err := e.svc.List(t.Context(), admin(), q)
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, len(page.Items))
		if page.NextCursor == "" {
			break
		}
		q.Cursor = page.NextCursor
	}

	if diff := cmp.Diff([]int{2, 1}, got); diff != "" {
		t.Errorf("page sizes (-want +got):\n%s", diff)
	}
}

func TestListRefusesBadQueries(t *testing.T) {
	e := newEnv(t, outbox.Config{})
	tests := []struct {
		name string
		q    outbox.Query
		want problem.Kind
	}{
		{"unknown status", outbox.Query{Status: "lost"}, problem.Invalid},
		{"limit too large", outbox.Query{Limit: 500}, problem.Invalid},
		{"garbage cursor", outbox.Query{Cursor: "zzz"}, problem.BadRequest},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := e.svc.List(t.Context(), admin(), tc.q)
			pe, ok := problem.As(err)
			if !ok || pe.Kind != tc.want {
				t.Errorf("List = %v, want a problem of kind %d", err, tc.want)
			}
		})
	}
}

func TestListIsTenantScoped(t *testing.T) {
	e := newEnv(t, outbox.Config{})
	m := e.add(t, outbox.ChannelWeCom, "k")
	other := user("u1")
	other.TenantID = "t2"

	page, err := e.svc.List(t.Context(), other, outbox.Query{})
	if err != nil || len(page.Items) != 0 {
		t.Errorf("another tenant lists %v, %v; want nothing", page, err)
	}
	if _, err := e.svc.Get(t.Context(), other, m.ID); !isKind(err, problem.NotFound) {
		t.Errorf("another tenant's Get = %v, want NotFound", err)
	}
}

func isKind(err error, k problem.Kind) bool {
	pe, ok := problem.As(err)
	return ok && pe.Kind == k
}
