package process

// TimerConfig configures a timer: the token waits for a duration, or until
// a date in the record.
type TimerConfig struct {
	// Duration is how long the token waits after arriving ("3d", "4h
	// business"). Exactly one of Duration and Until is set.
	Duration string `json:"duration,omitempty"`
	// Until is the name of a date or date-time field of the record; the
	// token waits until that instant, and goes on at once when it has
	// passed or is empty.
	Until string `json:"until,omitempty"`
	// Offset moves the instant Until names: "-1d" is a day before it, "+2h"
	// two hours after it, "-4h business" four working hours before it in
	// Calendar (see ParseOffset). Only with Until; empty means the instant
	// itself. The token goes on at once when the moved instant has passed.
	Offset string `json:"offset,omitempty"`
	// Calendar is the key of the business calendar for a business Duration
	// or Offset; empty means the tenant's default calendar.
	Calendar string `json:"calendar,omitempty"`
}

// Kind returns KindTimer.
func (*TimerConfig) Kind() Kind { return KindTimer }

// ActivityKind is a kind of activity on a record, as the activity log
// records it.
type ActivityKind string

// The activity kinds a silence watch can count.
const (
	ActivityView       ActivityKind = "view"
	ActivityEdit       ActivityKind = "edit"
	ActivityAttachment ActivityKind = "attachment"
	ActivityCall       ActivityKind = "call"
	ActivityChat       ActivityKind = "chat"
	ActivityVisit      ActivityKind = "visit"
	ActivityMeeting    ActivityKind = "meeting"
	ActivityEmail      ActivityKind = "email"
	ActivityDocument   ActivityKind = "document"
)

// ActivityKinds lists every activity kind.
var ActivityKinds = []ActivityKind{ActivityView, ActivityEdit, ActivityAttachment,
	ActivityCall, ActivityChat, ActivityVisit, ActivityMeeting, ActivityEmail, ActivityDocument}

// SilenceWatchConfig configures a silence watch: the token waits until the
// record has gone Duration without any activity of the counted kinds,
// measured from the later of the token's arrival and the last counted
// activity, and then moves on. Activity never wakes the token; the runtime
// re-checks at the deadline (silence is a lazy deadline).
type SilenceWatchConfig struct {
	// Duration is the length of silence that counts ("48h", "2d business").
	Duration string `json:"duration"`
	// Activities are the kinds of activity that break the silence; empty
	// means every kind.
	Activities []ActivityKind `json:"activities,omitempty"`
	// Calendar is the key of the business calendar for a business Duration;
	// empty means the tenant's default calendar.
	Calendar string `json:"calendar,omitempty"`
}

// Kind returns KindSilenceWatch.
func (*SilenceWatchConfig) Kind() Kind { return KindSilenceWatch }
