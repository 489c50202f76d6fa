package record

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/formworkhq/formwork/internal/auth"
)

// maxJourneyEntries bounds the activities one journey reads; a journey
// that has more shows the most recent ones and says it was cut.
const maxJourneyEntries = 1000

// Entry is one moment of a journey.
type Entry struct {
	At time.Time `json:"at"`
	// Kind is an activity kind, "created", or a kind of the source's own
	// ("task_created", "promise_made" …).
	Kind string `json:"kind"`
	// Source is "record" for entries of this package, or the name of the
	// TimelineSource that contributed the entry ("tasks", "promises").
	Source   string `json:"source"`
	RecordID string `json:"record_id"`
	ActorID  string `json:"actor_id,omitempty"`
	// Ref is the id of what the entry is about: the activity, task …
	Ref string `json:"ref,omitempty"`
	// Activity is the activity itself, for activity entries.
	Activity *Activity `json:"activity,omitempty"`
	// Detail carries a source's own fields (a task's title, due date …).
	Detail map[string]any `json:"detail,omitempty"`
}

// SourceRecord is the Source of entries this package contributes.
const SourceRecord = "record"

// TimelineSource contributes entries about records to journeys: the
// process engine's tasks, promises, deliveries. It must scope its reads to
// the principal's tenant.
type TimelineSource interface {
	// Timeline returns the source's entries about the given records.
	Timeline(ctx context.Context, p auth.Principal, recordIDs []string) ([]Entry, error)
}

// Journey is the timeline of one record, or of a customer across the
// records linked to it, oldest first.
type Journey struct {
	// RecordIDs are the records the journey covers, the subject first.
	RecordIDs []string `json:"record_ids"`
	Entries   []Entry  `json:"entries"`
	// Truncated reports that older activities were left out.
	Truncated bool `json:"truncated"`
}

// Journey returns the timeline of a live record: its creation, its
// activities (including stage moves and assignments) and the entries of
// every TimelineSource, in order of time.
func (s *Service) Journey(ctx context.Context, p auth.Principal, recordID string) (*Journey,
	error) {
	r, err := s.Get(ctx, p, recordID)
	if err != nil {
		return nil, err
	}

	return s.journeyOf(ctx, p, []*Record{r})
}

// journeyOf assembles the journey of records, the first being its subject.
func (s *Service) journeyOf(ctx context.Context, p auth.Principal,
	recs []*Record) (*Journey, error) {
	j := &Journey{RecordIDs: make([]string, len(recs))}
	for i, r := range recs {
		j.RecordIDs[i] = r.ID
		j.Entries = append(j.Entries, Entry{At: r.CreatedAt, Kind: "created",
			Source: SourceRecord, RecordID: r.ID, ActorID: r.CreatedBy, Ref: r.ID})
	}

	acts, truncated, err := s.activitiesOf(ctx, p, j.RecordIDs)
	if err != nil {
		return nil, err
	}
	j.Truncated = truncated
	for i := range acts {
		a := &acts[i]
		j.Entries = append(j.Entries, Entry{At: a.At, Kind: string(a.Kind),
			Source: SourceRecord, RecordID: a.RecordID, ActorID: a.ActorID, Ref: a.ID,
			Activity: a})
	}

	if err := s.addSourced(ctx, p, j); err != nil {
		return nil, err
	}
	sortEntries(j.Entries)
	return j, nil
}

// activitiesOf reads the most recent activities of records, oldest first.
func (s *Service) activitiesOf(ctx context.Context, p auth.Principal,
	recordIDs []string) ([]Activity, bool, error) {
	filter := bson.D{{Key: "record_id", Value: bson.D{{Key: "$in", Value: recordIDs}}}}
	opts := options.Find().SetSort(bson.D{{Key: "at", Value: -1}, {Key: "_id", Value: -1}}).
		SetLimit(maxJourneyEntries + 1)

	var acts []Activity
	if err := s.activities(p).FindAll(ctx, filter, &acts, opts); err != nil {
		return nil, false, fmt.Errorf("reading activities: %w", err)
	}
	truncated := len(acts) > maxJourneyEntries
	if truncated {
		acts = acts[:maxJourneyEntries]
	}
	slices.Reverse(acts)

	return acts, truncated, nil
}

// addSourced adds the entries of every TimelineSource. A source that
// fails fails the journey: a timeline silently missing its promises would
// mislead the person reading it.
func (s *Service) addSourced(ctx context.Context, p auth.Principal, j *Journey) error {
	s.mu.RLock()
	sources := append([]TimelineSource(nil), s.sources...)
	s.mu.RUnlock()

	for _, src := range sources {
		entries, err := src.Timeline(ctx, p, j.RecordIDs)
		if err != nil {
			return fmt.Errorf("reading timeline source: %w", err)
		}
		j.Entries = append(j.Entries, entries...)
	}

	return nil
}

// sortEntries orders entries by time; at the same instant, a record's
// creation comes first and the rest keep a stable order by reference.
func sortEntries(entries []Entry) {
	slices.SortStableFunc(entries, func(a, b Entry) int {
		if c := a.At.Compare(b.At); c != 0 {
			return c
		}
		if c := cmp.Compare(rank(a), rank(b)); c != 0 {
			return c
		}
		return cmp.Compare(a.Ref, b.Ref)
	})
}

func rank(e Entry) int {
	if e.Source == SourceRecord && e.Kind == "created" {
		return 0
	}
	return 1
}
