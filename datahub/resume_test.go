package datahub_test

import (
	"context"
	"encoding/json"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/hibiken/asynq"
	"go.mongodb.org/mongo-driver/v2/bson"

	"github.com/formworkhq/formwork/datahub"
	"github.com/formworkhq/formwork/internal/i18n"
	"github.com/formworkhq/formwork/internal/mongo"
	"github.com/formworkhq/formwork/internal/queue"
	"github.com/formworkhq/formwork/internal/testenv"
	"github.com/formworkhq/formwork/runtime/record"
)

// accounts is a CSV file of n accounts C-1 … C-n.
func accounts(n int) string {
	var b strings.Builder
	b.WriteString("id,name\n")
	for i := 1; i <= n; i++ {
		b.WriteString("C-" + strconv.Itoa(i) + ",Name " + strconv.Itoa(i) + "\n")
	}
	return b.String()
}

var accountMapping = json.RawMessage(`{"id":"customer_id","name":"name"}`)

// sibling is another data hub on the same store and records, as another
// process (or the same one restarted) would have.
func (h *hub) sibling(t *testing.T, cfg datahub.Config) *datahub.Service {
	t.Helper()
	cfg.Dir = h.dir
	svc := datahub.New(h.store, h.recs, h.clk, cfg, testenv.Logger())
	t.Cleanup(svc.Shutdown)
	return svc
}

// job reads the job as stored, without any service's view of it.
func (h *hub) job(t *testing.T, svc *datahub.Service, id string) *datahub.Job {
	t.Helper()
	j, err := svc.Get(h.ctx, h.p, id)
	if err != nil {
		t.Fatal(err)
	}
	return j
}

// assertOnePerKey checks that there is exactly one record per account.
func (h *hub) assertOnePerKey(t *testing.T, n int) {
	t.Helper()
	page, err := h.recs.List(h.ctx, h.p, record.Query{Form: "account", Limit: 2 * n})
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]int{}
	for _, r := range page.Items {
		seen[r.Data["customer_id"].(string)]++
	}
	for i := 1; i <= n; i++ {
		if key := "C-" + strconv.Itoa(i); seen[key] != 1 {
			t.Errorf("%s has %d records, want 1", key, seen[key])
		}
	}
	if len(page.Items) != n {
		t.Errorf("%d records, want %d", len(page.Items), n)
	}
}

// assertExact checks the counters of a finished import of n valid rows.
func assertExact(t *testing.T, got *datahub.Job, n int) {
	t.Helper()
	pr := got.Progress
	if got.Status != datahub.StatusImported || pr.RowsRead != n || pr.RowsValid != n ||
		pr.RowsImported != n || pr.RowsFailed != 0 || pr.Created+pr.Merged+pr.Unchanged != n ||
		pr.LandedThrough != n+1 {
		t.Errorf("finished job = %s %+v %+v", got.Status, pr, got.Error)
	}
}

func TestAnImportSurvivesItsWorkerAndIsResumedByTheNext(t *testing.T) {
	const n = 30
	h := newHub(t, datahub.Config{ProgressEvery: 4, StaleAfter: time.Minute})
	j := h.upload("many.csv", accounts(n))

	// The worker stops after the ninth record is stored: rows up to the
	// last progress write (every 4 rows) are known to have landed.
	stopped := make(chan struct{})
	var once sync.Once
	h.recs.Subscribe(func(context.Context, record.Event) {
		if h.created == 9 {
			once.Do(func() { go func() { h.svc.Shutdown(); close(stopped) }() })
		}
	})
	if _, err := h.svc.Run(h.ctx, h.p, j.ID, datahub.RunInput{Mapping: accountMapping,
		KeyField: "customer_id", Mode: datahub.ModeValidRows}); err != nil {
		t.Fatal(err)
	}
	<-stopped
	createdByFirst := h.created

	next := h.sibling(t, datahub.Config{ProgressEvery: 4, StaleAfter: time.Minute})
	mid := h.job(t, next, j.ID)
	if mid.Status != datahub.StatusImporting || mid.Error != nil ||
		mid.Progress.LandedThrough < 5 || mid.Progress.RowsImported != mid.Progress.Created {
		t.Fatalf("stopped job = %s %+v %+v", mid.Status, mid.Progress, mid.Error)
	}
	// The share of the file's bytes the stored rows took.
	if pc := mid.Progress.Percent; pc == nil || *pc < 15 || *pc > 40 {
		t.Errorf("percent at row %d of 31 = %v", mid.Progress.LandedThrough, pc)
	}

	// As a worker that died without handing its lease back leaves it:
	// another worker leaves the job alone until the lease runs out.
	h.leaseHeldBy(t, j.ID, "dead-worker", h.clk.Now().Add(time.Minute))
	if err := next.Reconcile(h.ctx); err != nil {
		t.Fatal(err)
	}
	next.Wait(j.ID)
	if got := h.job(t, next, j.ID); got.Progress.LandedThrough != mid.Progress.LandedThrough ||
		got.Status != datahub.StatusImporting {
		t.Fatalf("a live lease was taken over: %s %+v", got.Status, got.Progress)
	}

	h.clk.Advance(2 * time.Minute)
	if err := next.Reconcile(h.ctx); err != nil {
		t.Fatal(err)
	}
	next.Wait(j.ID)
	done := h.job(t, next, j.ID)
	assertExact(t, done, n)
	h.assertOnePerKey(t, n)
	if h.created != n {
		t.Errorf("created events = %d, want %d", h.created, n)
	}
	// The rows redone after the last progress write found their records
	// marked as the first worker's writes of them, and count as created.
	redone := createdByFirst - mid.Progress.Created
	t.Logf("first worker: %d records, progress stored through row %d, %d redone; "+
		"resumed: %+v", createdByFirst, mid.Progress.LandedThrough, redone, done.Progress)
	if redone == 0 {
		t.Fatal("no row was redone: the test stops the worker too late")
	}
	if pr := done.Progress; pr.Created != n || pr.Merged != 0 || pr.Unchanged != 0 {
		t.Errorf("created %d, merged %d, unchanged %d; want %d, 0, 0", pr.Created, pr.Merged,
			pr.Unchanged, n)
	}
	if chunks := h.fileChunks(t, j.ID); chunks != 0 {
		t.Errorf("%d file chunks left after the import", chunks)
	}
}

// leaseHeldBy stores the job's lease as owner's until then.
func (h *hub) leaseHeldBy(t *testing.T, id, owner string, until time.Time) {
	t.Helper()
	_, err := h.store.Scope(h.p.TenantID).C(datahub.ImportsCollection).UpdateOne(h.ctx,
		bson.D{{Key: "_id", Value: id}}, bson.D{{Key: "$set", Value: bson.D{
			{Key: "lease.owner", Value: owner}, {Key: "lease.until", Value: until}}}})
	if err != nil {
		t.Fatal(err)
	}
}

// fileChunks counts the stored chunks of job id's file.
func (h *hub) fileChunks(t *testing.T, id string) int64 {
	t.Helper()
	n, err := h.store.Scope(h.p.TenantID).C(datahub.FilesCollection).Count(h.ctx,
		bson.D{{Key: "job_id", Value: id}})
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func TestTwoServicesRunningTheSameJobDoOneJobsWork(t *testing.T) {
	const n = 12
	h := newHub(t, datahub.Config{ProgressEvery: 3})
	other := h.sibling(t, datahub.Config{ProgressEvery: 3})
	j := h.upload("many.csv", accounts(n))

	if _, err := h.svc.Run(h.ctx, h.p, j.ID, datahub.RunInput{Mapping: accountMapping,
		KeyField: "customer_id"}); err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	for range 3 {
		wg.Go(func() {
			if err := other.Process(h.ctx, h.p.TenantID, j.ID); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Go(func() {
		if err := other.Reconcile(h.ctx); err != nil {
			t.Error(err)
		}
	})
	wg.Wait()
	h.svc.Wait(j.ID)
	other.Wait(j.ID)

	got := h.job(t, h.svc, j.ID)
	assertExact(t, got, n)
	if got.Progress.Created != n {
		t.Errorf("created = %d, want %d", got.Progress.Created, n)
	}
	h.assertOnePerKey(t, n)
	if h.created != n {
		t.Errorf("created events = %d, want %d: a row was written twice", h.created, n)
	}
}

func TestImportsRunAsQueueTasksNamedByTheJob(t *testing.T) {
	h := newHub(t, datahub.Config{})
	q := testenv.Queue(t)
	svc := h.sibling(t, datahub.Config{Queue: q})
	j := h.upload("two.csv", accounts(2))

	if _, err := svc.Run(h.ctx, h.p, j.ID, datahub.RunInput{Mapping: accountMapping,
		KeyField: "customer_id"}); err != nil {
		t.Fatal(err)
	}
	// The job's own lease is free and running: a reconcile round enqueues it
	// again, which keeps the one task.
	if err := svc.Reconcile(h.ctx); err != nil {
		t.Fatal(err)
	}
	tasks, err := q.Inspector.ListPendingTasks(queue.QueueDefault)
	if err != nil {
		t.Fatal(err)
	}
	if len(tasks) != 1 || tasks[0].ID != j.ID || tasks[0].Type != datahub.TaskImport {
		t.Fatalf("pending tasks = %+v, want one named %s", tasks, j.ID)
	}

	mux := asynq.NewServeMux()
	svc.Register(mux)
	for range 2 { // a task delivered twice does the job once
		task := asynq.NewTask(tasks[0].Type, tasks[0].Payload)
		if err := mux.ProcessTask(h.ctx, task); err != nil {
			t.Fatal(err)
		}
	}
	got := h.job(t, svc, j.ID)
	assertExact(t, got, 2)
	if got.Progress.Created != 2 || h.created != 2 {
		t.Errorf("created = %d, events %d, want 2", got.Progress.Created, h.created)
	}
}

func TestAbandonedUploadsExpire(t *testing.T) {
	h := newHub(t, datahub.Config{FileTTL: time.Hour})
	j := h.upload("a.csv", accounts(3))
	if h.fileChunks(t, j.ID) != 1 {
		t.Fatalf("file chunks = %d, want 1", h.fileChunks(t, j.ID))
	}
	// An upload whose process died while it was receiving.
	h.receivingUpload(t, "dead-upload", 3)

	h.clk.Advance(2 * time.Hour)
	if err := h.svc.Reconcile(h.ctx); err != nil {
		t.Fatal(err)
	}
	if h.fileChunks(t, j.ID) != 0 || h.fileChunks(t, "dead-upload") != 0 {
		t.Errorf("chunks left: %d and %d", h.fileChunks(t, j.ID),
			h.fileChunks(t, "dead-upload"))
	}
	if _, err := h.svc.Get(h.ctx, h.p, "dead-upload"); err == nil {
		t.Error("the dead upload's job is still there")
	}

	_, err := h.svc.Check(h.ctx, h.p, j.ID, datahub.RunInput{Mapping: accountMapping,
		KeyField: "customer_id"})
	if err != nil {
		t.Fatal(err)
	}
	h.svc.Wait(j.ID)
	got := h.job(t, h.svc, j.ID)
	if got.Status != datahub.StatusRefused || got.Error == nil ||
		got.Error.Code != "import.file_gone" {
		t.Fatalf("check of an expired file = %s %+v", got.Status, got.Error)
	}
	if msg := got.Error.Message(i18n.Chinese); msg == "" || msg == got.Error.Code {
		t.Errorf("reason in zh-CN = %q", msg)
	}
}

// receivingUpload stores a job still receiving its file, with chunks
// chunks of it, as a process that died during an upload leaves them.
func (h *hub) receivingUpload(t *testing.T, id string, chunks int) {
	t.Helper()
	sc := h.store.Scope(h.p.TenantID)
	now := h.clk.Now()
	job := &datahub.Job{ID: id, Form: "account", Status: datahub.StatusReceiving,
		CreatedAt: now, UpdatedAt: now}
	if err := sc.C(datahub.ImportsCollection).InsertOne(h.ctx, job); err != nil {
		t.Fatal(err)
	}
	for i := range chunks {
		c := &chunkDoc{ID: id + "." + strconv.Itoa(i), JobID: id, N: i, Data: []byte("x")}
		if err := sc.C(datahub.FilesCollection).InsertOne(h.ctx, c); err != nil {
			t.Fatal(err)
		}
	}
}

// chunkDoc is a stored chunk of an uploaded file.
type chunkDoc struct {
	ID             string `bson:"_id"`
	mongo.Tenanted `bson:",inline"`
	JobID          string `bson:"job_id"`
	N              int    `bson:"n"`
	Data           []byte `bson:"data"`
}

func TestAJobWhoseFormIsGoneFailsWithAReason(t *testing.T) {
	h := newHub(t, datahub.Config{})
	j := h.upload("a.csv", accounts(2))
	// The form goes away between the upload and the worker.
	_, err := h.store.Scope(h.p.TenantID).C(datahub.ImportsCollection).UpdateOne(h.ctx,
		bson.D{{Key: "_id", Value: j.ID}}, bson.D{{Key: "$set", Value: bson.D{
			{Key: "status", Value: datahub.StatusImporting}, {Key: "mode", Value: "valid_rows"},
			{Key: "form", Value: "missing_form"}}}})
	if err != nil {
		t.Fatal(err)
	}
	if err := h.svc.Process(h.ctx, h.p.TenantID, j.ID); err != nil {
		t.Fatal(err)
	}
	got := h.job(t, h.svc, j.ID)
	if got.Status != datahub.StatusFailed || got.Error == nil {
		t.Fatalf("= %s %+v", got.Status, got.Error)
	}
	for _, l := range []i18n.Locale{i18n.English, i18n.Chinese} {
		if msg := got.Error.Message(l); msg == "" || msg == got.Error.Code {
			t.Errorf("reason %q has no %s message", got.Error.Code, l)
		}
	}
}

func TestAJobNoWorkerGetsFurtherEndsFailed(t *testing.T) {
	h := newHub(t, datahub.Config{})
	j := h.upload("a.csv", accounts(2))
	// As nineteen workers in a row left it, each dying before its first
	// progress write.
	_, err := h.store.Scope(h.p.TenantID).C(datahub.ImportsCollection).UpdateOne(h.ctx,
		bson.D{{Key: "_id", Value: j.ID}}, bson.D{{Key: "$set", Value: bson.D{
			{Key: "status", Value: datahub.StatusImporting}, {Key: "mode", Value: "valid_rows"},
			{Key: "lease.mark", Value: 0}, {Key: "lease.stalls", Value: 19}}}})
	if err != nil {
		t.Fatal(err)
	}
	if err := h.svc.Process(h.ctx, h.p.TenantID, j.ID); err != nil {
		t.Fatal(err)
	}
	got := h.job(t, h.svc, j.ID)
	if got.Status != datahub.StatusFailed || got.Error == nil ||
		got.Error.Code != "import.store_failed" || len(h.records(t)) != 0 {
		t.Fatalf("= %s %+v, %d records", got.Status, got.Error, len(h.records(t)))
	}
	if msg := got.Error.Message(i18n.Chinese); !strings.Contains(msg, "第 1 行") {
		t.Errorf("reason = %q", msg)
	}
}

func TestAnAsynqWorkerRunsTheImport(t *testing.T) {
	h := newHub(t, datahub.Config{})
	q := testenv.Queue(t)
	svc := h.sibling(t, datahub.Config{Queue: q})
	j := h.upload("three.csv", accounts(3))

	handled := make(chan string, 4)
	mux := asynq.NewServeMux()
	mux.Use(func(next asynq.Handler) asynq.Handler {
		return asynq.HandlerFunc(func(ctx context.Context, task *asynq.Task) error {
			err := next.ProcessTask(ctx, task)
			id, _ := asynq.GetTaskID(ctx)
			handled <- id
			return err
		})
	})
	svc.Register(mux)
	workers := q.Server(queue.ServerConfig{Concurrency: 2}, testenv.Logger())
	if err := workers.Start(mux); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(workers.Shutdown)

	if _, err := svc.Run(h.ctx, h.p, j.ID, datahub.RunInput{Mapping: accountMapping,
		KeyField: "customer_id"}); err != nil {
		t.Fatal(err)
	}
	select {
	case id := <-handled:
		if id != j.ID {
			t.Fatalf("task %s handled, want %s", id, j.ID)
		}
	case <-time.After(time.Minute):
		t.Fatal("the import task was not handled")
	}
	assertExact(t, h.job(t, svc, j.ID), 3)
	h.assertOnePerKey(t, 3)
}

func TestAWorkerWhoseLeaseRanOutStopsWithoutWriting(t *testing.T) {
	const n = 15
	h := newHub(t, datahub.Config{ProgressEvery: 3, StaleAfter: time.Minute})
	next := h.sibling(t, datahub.Config{ProgressEvery: 3, StaleAfter: time.Minute})
	j := h.upload("many.csv", accounts(n))

	// The first worker stalls after its fourth record for longer than its
	// lease; meanwhile the next takes the job over and finishes it.
	var once sync.Once
	h.recs.Subscribe(func(context.Context, record.Event) {
		if h.created != 4 {
			return
		}
		once.Do(func() {
			h.clk.Advance(2 * time.Minute)
			if err := next.Process(h.ctx, h.p.TenantID, j.ID); err != nil {
				t.Error(err)
			}
		})
	})
	if _, err := h.svc.Run(h.ctx, h.p, j.ID, datahub.RunInput{Mapping: accountMapping,
		KeyField: "customer_id", Mode: datahub.ModeValidRows}); err != nil {
		t.Fatal(err)
	}
	h.svc.Wait(j.ID)

	got := h.job(t, h.svc, j.ID)
	assertExact(t, got, n)
	h.assertOnePerKey(t, n)
	if h.created != n {
		t.Errorf("created events = %d, want %d", h.created, n)
	}
	// The counts are the next worker's: three rows stored by the first,
	// its fourth found marked as the first worker's creation, the rest
	// created. The first worker, which found every later row marked as
	// landed, wrote nothing.
	if got.Progress.Created != n || got.Progress.Unchanged != 0 {
		t.Errorf("created %d, unchanged %d; want %d, 0", got.Progress.Created,
			got.Progress.Unchanged, n)
	}
}
