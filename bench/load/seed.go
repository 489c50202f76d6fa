package main

import (
	"context"
	"fmt"
	"maps"
	"math/rand/v2"
	"net/http"
	"slices"
	"sync/atomic"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	driver "go.mongodb.org/mongo-driver/v2/mongo"
	mopts "go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/formworkhq/formwork/runtime/record"
)

// benchPassword is the password of every seeded account.
const benchPassword = "bench-password-1"

var tenantSeq atomic.Int64

// tenant is a seeded organisation: its owner and reps, each with a token.
type tenant struct {
	id         string
	ownerID    string
	ownerToken string
	supervisor string
	reps       []user
}

type user struct {
	id, token string
}

// signupTenant creates a tenant and signs its owner in.
func signupTenant(ctx context.Context, c *client, label string) (*tenant, error) {
	n := tenantSeq.Add(1)
	email := fmt.Sprintf("owner-%s-%d@bench.example.com", label, n)
	var res struct {
		TenantID string `json:"tenant_id"`
		UserID   string `json:"user_id"`
	}
	err := c.call(ctx, http.MethodPost, "/api/v1/signup", "", map[string]any{
		"tenant": fmt.Sprintf("Bench %s %d", label, n), "name": "Owner", "email": email,
		"password": benchPassword, "locale": "zh-CN"}, &res)
	if err != nil {
		return nil, fmt.Errorf("signing up: %w", err)
	}
	token, err := login(ctx, c, email)
	if err != nil {
		return nil, err
	}
	return &tenant{id: res.TenantID, ownerID: res.UserID, ownerToken: token}, nil
}

func login(ctx context.Context, c *client, email string) (string, error) {
	var res struct {
		Token string `json:"token"`
	}
	err := c.call(ctx, http.MethodPost, "/api/v1/auth/login", "",
		map[string]string{"email": email, "password": benchPassword}, &res)
	if err != nil {
		return "", fmt.Errorf("signing in %s: %w", email, err)
	}
	return res.Token, nil
}

// addUser creates a person with a manager and signs them in.
func (t *tenant) addUser(ctx context.Context, c *client, role, manager string) (user, error) {
	email := fmt.Sprintf("%s-%d@bench.example.com", role, tenantSeq.Add(1))
	body := map[string]any{"email": email, "name": role, "password": benchPassword,
		"roles": []string{role}}
	if manager != "" {
		body["manager_id"] = manager
	}
	var res idOf
	if err := c.call(ctx, http.MethodPost, "/api/v1/users", t.ownerToken, body,
		&res); err != nil {
		return user{}, fmt.Errorf("adding a %s: %w", role, err)
	}
	token, err := login(ctx, c, email)
	if err != nil {
		return user{}, err
	}
	return user{id: res.ID, token: token}, nil
}

// seedTenant signs up a tenant, installs packs and adds a supervisor and
// n reps reporting to them.
func seedTenant(ctx context.Context, c *client, label string, n int,
	packs ...string) (*tenant, error) {
	t, err := signupTenant(ctx, c, label)
	if err != nil {
		return nil, err
	}
	for _, p := range packs {
		if err := install(ctx, c, t.ownerToken, p); err != nil {
			return nil, err
		}
	}
	sup, err := t.addUser(ctx, c, "supervisor", "")
	if err != nil {
		return nil, err
	}
	t.supervisor = sup.id
	for range n {
		u, err := t.addUser(ctx, c, "rep", sup.id)
		if err != nil {
			return nil, err
		}
		t.reps = append(t.reps, u)
	}
	return t, nil
}

// install installs a template pack without sample data.
func install(ctx context.Context, c *client, token, pack string) error {
	err := c.call(ctx, http.MethodPost, "/api/v1/templates/"+pack+"/install", token,
		map[string]any{"sample_data": false}, nil)
	if err != nil {
		return fmt.Errorf("installing %s: %w", pack, err)
	}
	return nil
}

// rep returns the rep a worker acts as.
func (t *tenant) rep(w int) user { return t.reps[w%len(t.reps)] }

// Bounds of the dashboard scenario's own data.
const (
	minScaleRecords    = 1000
	maxScaleRecords    = 10_000_000
	maxScaleActivities = 100_000_000
)

// checkScale checks the dashboard scale options: sizes in range, calls only
// on seeded leads, and stores the tool can write into.
func (o *options) checkScale() error {
	r, a := o.dashboardRecords, o.dashboardActivities
	switch {
	case r == 0 && a == 0:
		return nil
	case r < 0 || r != 0 && r < minScaleRecords || r > maxScaleRecords:
		return usagef("-dashboard-records %d is out of range: use 0 or %d to %d", r,
			minScaleRecords, maxScaleRecords)
	case a < 0 || a > maxScaleActivities:
		return usagef("-dashboard-activities %d is out of range: use 0 to %d", a,
			maxScaleActivities)
	case r == 0:
		return usagef("-dashboard-activities needs -dashboard-records: calls are logged " +
			"on the seeded leads")
	case slices.Contains(o.targets, targetEmbedded):
		return usagef("-dashboard-records writes Formwork's database directly, which the " +
			"embedded store keeps inside the server: use -stores local or -mongo/-redis")
	}
	return nil
}

// The scale data: a year of leads, created evenly over the 365 days
// before the run, and calls on them, each logged by the lead's owner
// between its creation and now. Every document is a copy of a lead
// submitted and a call logged through the API in the same run, with its
// own id, owner, stage, region, company and times, so the store holds what
// Formwork itself writes.
const (
	scaleYear  = 365 * 24 * time.Hour
	scaleBatch = 1000
	// scaleWriters is how many insertMany batches are in flight at once.
	scaleWriters = 2
)

var (
	scaleStages = []string{"new", "new", "new", "contacted", "contacted", "qualified", "proposal",
		"won", "lost", "lost"}
	scaleRegions = []string{"north", "east", "south", "west", "central"}
)

// scaleSeed says what seedScale wrote and how long it took.
type scaleSeed struct {
	records, activities     int
	recordsTook, callsTook  time.Duration
	templateLead, firstCall string
}

// seedScale writes o.dashboardRecords leads and o.dashboardActivities calls
// into Formwork's database in batches, modelled on one lead and one call
// made through the API.
func (b *bench) seedScale(ctx context.Context) (*scaleSeed, error) {
	lead, call, err := b.scaleTemplates(ctx)
	if err != nil {
		return nil, err
	}

	db := b.st.raw.Client.Database(appDatabase)
	now := time.Now()
	rng := rand.New(rand.NewPCG(20261204, 1))
	created := make([]int64, b.o.dashboardRecords)
	out := &scaleSeed{records: b.o.dashboardRecords, activities: b.o.dashboardActivities}

	start := time.Now()
	err = b.insertScale(ctx, db.Collection(record.RecordsCollection), out.records,
		func(i int) any {
			at := now.Add(-time.Duration(rng.Int64N(int64(scaleYear))))
			created[i] = at.UnixNano()
			return b.scaleLead(lead, i, at, rng)
		})
	if err != nil {
		return nil, err
	}
	out.recordsTook = time.Since(start)

	start = time.Now()
	err = b.insertScale(ctx, db.Collection(record.ActivitiesCollection), out.activities,
		func(i int) any {
			j := rng.IntN(len(created))
			from := created[j]
			at := time.Unix(0, from+rng.Int64N(max(now.UnixNano()-from, 1)))
			return b.scaleCall(call, i, j, at)
		})
	out.callsTook = time.Since(start)
	return out, err
}

// scaleLead is the i-th seeded lead, created at.
func (b *bench) scaleLead(tmpl bson.M, i int, at time.Time, rng *rand.Rand) bson.M {
	doc := maps.Clone(tmpl)
	data := asM(tmpl["data"])

	stage := scaleStages[rng.IntN(len(scaleStages))]
	data["stage"], data["region"] = stage, scaleRegions[rng.IntN(len(scaleRegions))]
	data["company"] = fmt.Sprintf("规模测试客户 %07d", i)
	owner := b.ten.reps[i%len(b.ten.reps)].id
	doc["_id"], doc["data"], doc["stage"] = scaleLeadID(i), data, stage
	doc["owner_id"], doc["created_by"], doc["updated_by"] = owner, owner, owner
	doc["created_at"], doc["updated_at"], doc["last_activity_at"] = at, at, at
	doc["version"] = int64(1)
	delete(doc, "keyed")
	return doc
}

func scaleLeadID(i int) string { return fmt.Sprintf("scale-lead-%07d", i) }

// scaleCall is the i-th seeded call, on lead j by its owner, at.
func (b *bench) scaleCall(tmpl bson.M, i, j int, at time.Time) bson.M {
	doc := maps.Clone(tmpl)
	doc["_id"], doc["record_id"] = fmt.Sprintf("scale-call-%08d", i), scaleLeadID(j)
	doc["actor_id"] = b.ten.reps[j%len(b.ten.reps)].id
	doc["at"], doc["recorded_at"] = at, at
	return doc
}

// insertScale inserts n documents made by gen, scaleBatch at a time with
// scaleWriters batches in flight, and logs its progress.
func (b *bench) insertScale(ctx context.Context, coll *driver.Collection, n int,
	gen func(i int) any) error {
	batches := make(chan []any, scaleWriters)
	errs := make(chan error, scaleWriters)
	for range scaleWriters {
		go func() {
			var first error
			for docs := range batches {
				if first == nil {
					_, first = coll.InsertMany(ctx, docs,
						mopts.InsertMany().SetOrdered(false))
				}
			}
			errs <- first
		}()
	}

	start, step := time.Now(), max(n/10, 1)
	for i := 0; i < n; i += scaleBatch {
		docs := make([]any, 0, scaleBatch)
		for k := i; k < min(i+scaleBatch, n); k++ {
			docs = append(docs, gen(k))
		}
		batches <- docs
		if done := min(i+scaleBatch, n); done/step != i/step || done == n {
			b.log.Info("seeding", "collection", coll.Name(), "written", done, "of", n,
				"elapsed", time.Since(start).Round(time.Second))
		}
	}
	close(batches)

	var first error
	for range scaleWriters {
		if err := <-errs; err != nil && first == nil {
			first = fmt.Errorf("seeding %s: %w", coll.Name(), err)
		}
	}
	return first
}

// scaleTemplates submits a lead and logs a call on it through the API, and
// reads both back as stored.
func (b *bench) scaleTemplates(ctx context.Context) (bson.M, bson.M, error) {
	rep := b.ten.rep(0)
	var lead, call idOf
	err := b.api.call(ctx, http.MethodPost, "/api/v1/records", rep.token,
		map[string]any{"form": "lead", "data": leadData(0, -1)}, &lead)
	if err != nil {
		return nil, nil, err
	}
	err = b.api.call(ctx, http.MethodPost, "/api/v1/records/"+lead.ID+"/activities",
		rep.token, map[string]any{"kind": "call", "duration_s": 60, "note": "bench"}, &call)
	if err != nil {
		return nil, nil, err
	}

	db := b.st.raw.Client.Database(appDatabase)
	var l, c bson.M
	if err := db.Collection(record.RecordsCollection).FindOne(ctx,
		bson.D{{Key: "_id", Value: lead.ID}}).Decode(&l); err != nil {
		return nil, nil, fmt.Errorf("reading the template lead: %w", err)
	}
	if err := db.Collection(record.ActivitiesCollection).FindOne(ctx,
		bson.D{{Key: "_id", Value: call.ID}}).Decode(&c); err != nil {
		return nil, nil, fmt.Errorf("reading the template call: %w", err)
	}
	return l, c, nil
}

// asM copies a decoded sub-document as a map.
func asM(v any) bson.M {
	out := bson.M{}
	switch x := v.(type) {
	case bson.M:
		maps.Copy(out, x)
	case bson.D:
		for _, e := range x {
			out[e.Key] = e.Value
		}
	}
	return out
}
