package dingtalk_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/formworkhq/formwork/internal/clock"
	"github.com/formworkhq/formwork/runtime/outbox"
)

const statusPath = "/topapi/message/corpconversation/status_bar/update"

func TestWorkUpdateCardSetsTheOAStatusBar(t *testing.T) {
	f, srv := newFakeDingTalk(t, ok(`{"errcode":0,"errmsg":"ok"}`))
	card := workMsg("https://app.example.com/tasks/7", "7", false)
	card.VendorID = "1001,1002"

	err := newWork(t, srv.URL, clock.NewManual(now)).UpdateCard(context.Background(), card)
	if err != nil {
		t.Fatal(err)
	}

	var got []call
	f.mu.Lock()
	for _, c := range f.calls {
		if c.Path == statusPath {
			got = append(got, c)
		}
	}
	f.mu.Unlock()
	body := func(id float64) map[string]any {
		return map[string]any{"agent_id": float64(2233), "task_id": id,
			"status_value": "已完成", "status_bg": "0xFF52C41A"}
	}
	want := []call{
		{Method: "POST", Path: statusPath, ContentType: "application/json",
			Query: map[string]string{"access_token": "DT-TOKEN-1"}, Body: body(1001)},
		{Method: "POST", Path: statusPath, ContentType: "application/json",
			Query: map[string]string{"access_token": "DT-TOKEN-1"}, Body: body(1002)},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("status_bar/update calls (-want +got):\n%s", diff)
	}
}

func TestWorkUpdateCardLeavesOtherTypesAlone(t *testing.T) {
	f, srv := newFakeDingTalk(t, ok(`{"errcode":0}`))
	card := workMsg("https://app.example.com/records/7", "", false) // an action card
	card.VendorID = "1001"

	err := newWork(t, srv.URL, clock.NewManual(now)).UpdateCard(context.Background(), card)
	if err != nil || len(f.paths()) != 0 {
		t.Errorf("UpdateCard = %v with calls %v; want nothing done", err, f.paths())
	}
}

func TestWorkUpdateCardErrorsKeepTheirClass(t *testing.T) {
	cases := []struct {
		name          string
		answer        reply
		wantPermanent bool
	}{
		{"rate limited", ok(`{"errcode":90018,"errmsg":"too fast"}`), false},
		{"unknown task", ok(`{"errcode":40035,"errmsg":"bad task_id"}`), true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, srv := newFakeDingTalk(t, tc.answer)
			card := workMsg("https://app.example.com/tasks/7", "7", false)
			card.VendorID = "1001"
			err := newWork(t, srv.URL, clock.NewManual(now)).UpdateCard(context.Background(),
				card)
			if err == nil || outbox.IsPermanent(err) != tc.wantPermanent {
				t.Errorf("err = %v; want an error, permanent %v", err, tc.wantPermanent)
			}
		})
	}
}

func TestWorkBatchFailureReportsTheBatchesSent(t *testing.T) {
	var users []string
	for i := range 150 {
		users = append(users, fmt.Sprintf("u%d", i))
	}
	_, srv := newFakeDingTalk(t, ok(`{"errcode":0,"task_id":1}`),
		ok(`{"errcode":-1,"errmsg":"busy"}`))
	_, err := newWork(t, srv.URL, clock.NewManual(now)).Send(context.Background(),
		workMsg("", "", false, users...))

	pe, isPartial := outbox.AsPartial(err)
	if !isPartial || pe.Err == nil || len(pe.Reached) != 100 || pe.VendorID != "1" {
		t.Fatalf("err = %v; want a PartialError with the first 100 reached, task id 1", err)
	}
}

// TestWorkUpdateCardReportsTheBatchesUpdated: when the second batch's
// status bar fails, the first batch's task id comes back as reached, so
// that the retry updates only the second.
func TestWorkUpdateCardReportsTheBatchesUpdated(t *testing.T) {
	_, srv := newFakeDingTalk(t, ok(`{"errcode":0,"errmsg":"ok"}`),
		ok(`{"errcode":-1,"errmsg":"busy"}`))
	card := workMsg("https://app.example.com/tasks/7", "7", false)
	card.VendorID = "1001,1002"

	err := newWork(t, srv.URL, clock.NewManual(now)).UpdateCard(context.Background(), card)

	pe, isPartial := outbox.AsPartial(err)
	if !isPartial || pe.Err == nil || outbox.IsPermanent(err) {
		t.Fatalf("err = %v; want a retryable PartialError", err)
	}
	if diff := cmp.Diff([]string{"1001"}, pe.Reached); diff != "" {
		t.Errorf("batches updated (-want +got):\n%s", diff)
	}
}
