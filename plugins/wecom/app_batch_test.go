package wecom_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/formworkhq/formwork/internal/clock"
	"github.com/formworkhq/formwork/internal/i18n"
	"github.com/formworkhq/formwork/plugins/wecom"
	"github.com/formworkhq/formwork/runtime/outbox"
)

// sends returns the message/send calls f received.
func (f *fakeWeCom) sends() []call {
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []call
	for _, c := range f.calls {
		if c.Path == "/cgi-bin/message/send" {
			out = append(out, c)
		}
	}
	return out
}

// users returns n user ids u0000…
func users(n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = fmt.Sprintf("u%04d", i)
	}
	return out
}

func TestAppSendSplitsIntoBatchesOfAThousand(t *testing.T) {
	f, srv := newFakeWeCom(t, `{"errcode":0,"errmsg":"ok","msgid":"M1","response_code":"R1"}`,
		`{"errcode":0,"errmsg":"ok","msgid":"M2","response_code":"R2"}`,
		`{"errcode":0,"errmsg":"ok","msgid":"M3","response_code":"R3"}`)
	m := msg("https://app.example.com/tasks/1", "task1", false)
	m.Recipients = append(users(2500), "party:7")

	id, err := newApp(t, srv.URL, clock.NewManual(now)).Send(context.Background(), m)
	if err != nil {
		t.Fatal(err)
	}

	if id != "M1|R1,M2|R2,M3|R3" {
		t.Errorf("vendor id = %q, want the three batches' ids", id)
	}
	sends := f.sends()
	var sizes []int
	var taskIDs []string
	for _, c := range sends {
		sizes = append(sizes, len(strings.Split(c.Body["touser"].(string), "|")))
		taskIDs = append(taskIDs, c.Body["template_card"].(map[string]any)["task_id"].(string))
	}
	if diff := cmp.Diff([]int{1000, 1000, 500}, sizes); diff != "" {
		t.Errorf("users per call (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"task1-01JMSG", "task1-01JMSG-2", "task1-01JMSG-3"},
		taskIDs); diff != "" {
		t.Errorf("card task ids (-want +got):\n%s", diff)
	}
	if got := sends[0].Body["toparty"]; got != "7" {
		t.Errorf("first batch toparty = %v, want 7", got)
	}
	if _, ok := sends[1].Body["toparty"]; ok {
		t.Errorf("second batch has a toparty: %v", sends[1].Body["toparty"])
	}
}

func TestAppSendPartialRefusalMarksOnlyThoseRecipients(t *testing.T) {
	_, srv := newFakeWeCom(t, `{"errcode":0,"errmsg":"ok","invaliduser":"lisi",`+
		`"invalidparty":"9","unlicenseduser":"","msgid":"M1"}`)
	m := msg("", "", false)
	m.Recipients = []string{"zhangsan", "LiSi", "party:9", "party:10"}

	id, err := newApp(t, srv.URL, clock.NewManual(now)).Send(context.Background(), m)

	pe, ok := outbox.AsPartial(err)
	if !ok || pe.Err != nil || id != "" {
		t.Fatalf("Send = %q, %v; want a PartialError without a failure", id, err)
	}
	if outbox.IsPermanent(err) {
		t.Errorf("a partial refusal is permanent for the whole message")
	}
	if diff := cmp.Diff([]string{"zhangsan", "party:10"}, pe.Reached); diff != "" {
		t.Errorf("reached (-want +got):\n%s", diff)
	}
	var refused []string
	for _, r := range pe.Refused {
		refused = append(refused, r.Recipient)
	}
	if diff := cmp.Diff([]string{"LiSi", "party:9"}, refused); diff != "" {
		t.Errorf("refused (-want +got):\n%s", diff)
	}
	if pe.VendorID != "M1" {
		t.Errorf("vendor id = %q, want M1", pe.VendorID)
	}
}

func TestAppSendBatchFailureReportsTheBatchesSent(t *testing.T) {
	_, srv := newFakeWeCom(t, `{"errcode":0,"errmsg":"ok","msgid":"M1"}`,
		`{"errcode":-1,"errmsg":"system busy"}`)
	m := msg("", "", false)
	m.Recipients = users(1500)

	_, err := newApp(t, srv.URL, clock.NewManual(now)).Send(context.Background(), m)

	pe, ok := outbox.AsPartial(err)
	if !ok || pe.Err == nil || outbox.IsPermanent(err) {
		t.Fatalf("err = %v; want a retryable PartialError", err)
	}
	if len(pe.Reached) != 1000 || pe.VendorID != "M1" {
		t.Errorf("reached %d, vendor id %q; want the first 1000, M1", len(pe.Reached),
			pe.VendorID)
	}
}

func TestAppSendFirstBatchFailureIsPlain(t *testing.T) {
	_, srv := newFakeWeCom(t, `{"errcode":81013,"errmsg":"user & party & tag all invalid"}`)
	_, err := newApp(t, srv.URL, clock.NewManual(now)).Send(context.Background(),
		msg("", "", false))
	if _, ok := outbox.AsPartial(err); ok || !outbox.IsPermanent(err) {
		t.Errorf("err = %v; want a plain permanent refusal", err)
	}
}

func TestAppUpdateCardGreysEveryBatchCard(t *testing.T) {
	f, srv := newFakeWeCom(t, `{"errcode":0,"errmsg":"ok"}`)
	card := msg("https://app.example.com/tasks/1", "task1", false)
	card.VendorID = "M1|R1,M2,M3|R3"

	err := newApp(t, srv.URL, clock.NewManual(now)).UpdateCard(context.Background(), card)
	if err != nil {
		t.Fatal(err)
	}

	var codes []any
	f.mu.Lock()
	for _, c := range f.calls {
		if c.Path == "/cgi-bin/message/update_template_card" {
			codes = append(codes, c.Body["response_code"])
			if c.Body["atall"] != float64(1) || c.Body["button"].(map[string]any)["replace_name"] !=
				"已处理" {
				t.Errorf("update body = %v; want atall 1 and the button reading 已处理", c.Body)
			}
		}
	}
	f.mu.Unlock()
	if diff := cmp.Diff([]any{"R1", "R3"}, codes); diff != "" {
		t.Errorf("updated response codes (-want +got):\n%s", diff)
	}
}

func TestAppUpdateCardSkipsCardsWeComNoLongerUpdates(t *testing.T) {
	f, srv := newFakeWeCom(t, `{"errcode":0,"errmsg":"ok"}`)
	clk := clock.NewManual(now)
	card := msg("https://app.example.com/tasks/1", "task1", false)
	card.VendorID, card.DeliveredAt = "M1|R1", &now
	clk.Advance(72 * time.Hour)

	if err := newApp(t, srv.URL, clk).UpdateCard(context.Background(), card); err != nil {
		t.Fatal(err)
	}
	if len(f.paths()) != 0 {
		t.Errorf("calls %v; want none for a card sent 72 hours ago", f.paths())
	}
}

func TestAppSendEveryRecipientRefusedIsPermanent(t *testing.T) {
	_, srv := newFakeWeCom(t, `{"errcode":0,"errmsg":"ok","invaliduser":"zhangsan",`+
		`"unlicenseduser":"lisi","msgid":"M1"}`)
	_, err := newApp(t, srv.URL, clock.NewManual(now)).Send(context.Background(),
		msg("", "", false))
	pe, ok := outbox.AsPartial(err)
	if !ok || !outbox.IsPermanent(err) || len(pe.Refused) != 2 {
		t.Errorf("err = %v; want a permanent PartialError refusing both", err)
	}
}

// codeUsed is WeCom's answer to a response_code used a second time.
const codeUsed = `{"errcode":42022,"errmsg":"code has been used"}`

func TestAppUpdateCardTakesAUsedCodeAsUpdated(t *testing.T) {
	f, srv := newFakeWeCom(t, codeUsed, `{"errcode":0,"errmsg":"ok"}`)
	card := msg("https://app.example.com/tasks/1", "task1", false)
	card.VendorID = "M1|R1,M2|R2"

	err := newApp(t, srv.URL, clock.NewManual(now)).UpdateCard(context.Background(), card)
	if err != nil {
		t.Fatalf("update with R1 used before = %v; want R1 taken as updated", err)
	}
	var codes []any
	f.mu.Lock()
	for _, c := range f.calls {
		if c.Path == "/cgi-bin/message/update_template_card" {
			codes = append(codes, c.Body["response_code"])
		}
	}
	f.mu.Unlock()
	if diff := cmp.Diff([]any{"R1", "R2"}, codes); diff != "" {
		t.Errorf("updated response codes (-want +got):\n%s", diff)
	}
}

func TestUpdateTaskCardUsedCodeIsPermanent(t *testing.T) {
	_, srv := newFakeWeCom(t, codeUsed)
	err := newApp(t, srv.URL, clock.NewManual(now)).UpdateTaskCard(context.Background(), "t1",
		nil, "M1|R1", "已处理")
	var re *wecom.RefusalError
	if !outbox.IsPermanent(err) || !errors.As(err, &re) || re.Code != 42022 {
		t.Fatalf("err = %v; want WeCom's permanent refusal 42022", err)
	}
	if got := re.Localized(i18n.Chinese); !strings.Contains(got, "response_code 已使用过") {
		t.Errorf("Chinese refusal = %q; want the used-code hint", got)
	}
}
