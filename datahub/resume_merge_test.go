package datahub_test

import (
	"context"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/formworkhq/formwork/datahub"
	"github.com/formworkhq/formwork/runtime/record"
)

// renamed is accounts(n) with every even account renamed.
func renamed(n int) string {
	var b strings.Builder
	b.WriteString("id,name\n")
	for i := 1; i <= n; i++ {
		name := "Name " + strconv.Itoa(i)
		if i%2 == 0 {
			name = "Renamed " + strconv.Itoa(i)
		}
		b.WriteString("C-" + strconv.Itoa(i) + "," + name + "\n")
	}
	return b.String()
}

// TestAResumedMergeCountsEachRowAsItsFirstWrite imports accounts, then a
// file renaming half of them; its worker stops between progress writes,
// and the next one redoes the rows after the last of them. Each redone row
// finds its record marked with the first worker's write and counts as
// what that write did: the split of merged and unchanged is exact, and no
// row is written twice.
func TestAResumedMergeCountsEachRowAsItsFirstWrite(t *testing.T) {
	const n = 24
	h := newHub(t, datahub.Config{ProgressEvery: 4, StaleAfter: time.Minute})
	first := h.finish(h.svc.Run(h.ctx, h.p, h.upload("accounts.csv", accounts(n)).ID,
		datahub.RunInput{Mapping: accountMapping, KeyField: "customer_id"}))
	assertExact(t, first, n)

	var changed atomic.Int64
	stopped := make(chan struct{})
	var once sync.Once
	h.recs.Subscribe(func(_ context.Context, e record.Event) {
		if e.Kind == record.EventChanged && changed.Add(1) == 7 {
			once.Do(func() { go func() { h.svc.Shutdown(); close(stopped) }() })
		}
	})
	j := h.upload("renamed.csv", renamed(n))
	if _, err := h.svc.Run(h.ctx, h.p, j.ID, datahub.RunInput{Mapping: accountMapping,
		KeyField: "customer_id", Mode: datahub.ModeValidRows}); err != nil {
		t.Fatal(err)
	}
	<-stopped
	mid := h.job(t, h.svc, j.ID)
	byFirst := changed.Load()

	next := h.sibling(t, datahub.Config{ProgressEvery: 4, StaleAfter: time.Minute})
	h.clk.Advance(2 * time.Minute)
	if err := next.Reconcile(h.ctx); err != nil {
		t.Fatal(err)
	}
	next.Wait(j.ID)
	done := h.job(t, next, j.ID)
	assertExact(t, done, n)
	t.Logf("first worker: %d merges, progress through row %d (%d merged); resumed: %+v",
		byFirst, mid.Progress.LandedThrough, mid.Progress.Merged, done.Progress)
	if int64(mid.Progress.Merged) >= byFirst {
		t.Fatalf("no merge was redone: the worker stopped at a progress write")
	}
	if pr := done.Progress; pr.Created != 0 || pr.Merged != n/2 || pr.Unchanged != n/2 {
		t.Errorf("created %d, merged %d, unchanged %d; want 0, %d, %d", pr.Created,
			pr.Merged, pr.Unchanged, n/2, n/2)
	}
	if got := changed.Load(); got != n/2 {
		t.Errorf("%d changed events, want %d: a row was written twice", got, n/2)
	}
}
