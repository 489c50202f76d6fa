package process

// TriggerOn is what starts an instance of a process.
type TriggerOn string

// The ways a process starts.
const (
	// OnRecordCreated starts an instance for every new record of Form.
	OnRecordCreated TriggerOn = "record_created"
	// OnFieldChanged starts an instance when a record of Form changes one
	// of Fields.
	OnFieldChanged TriggerOn = "field_changed"
	// OnSchedule starts an instance at every time Cron names: without a
	// record, or, when Form is set, one instance per record of Form that
	// Where keeps, working on that record.
	OnSchedule TriggerOn = "schedule"
	// OnInboundEvent starts an instance, without a record, when the named
	// event arrives (from a connector or a signed webhook).
	OnInboundEvent TriggerOn = "inbound_event"
	// OnManual starts an instance when a person (or a parent process's
	// sub_process node) asks; on a record of Form when Form is set.
	OnManual TriggerOn = "manual"
)

var triggerOns = []TriggerOn{OnRecordCreated, OnFieldChanged, OnSchedule, OnInboundEvent,
	OnManual}

// TriggerConfig configures a trigger node, the one start of a process. A
// trigger has no incoming edges and one outgoing edge.
type TriggerConfig struct {
	// On is what starts an instance: record_created, field_changed,
	// schedule, inbound_event or manual.
	On TriggerOn `json:"on"`
	// Form is the key of the form whose records start instances; required
	// for record_created and field_changed, optional for manual and
	// schedule. The instance then works on that record, which expressions
	// read as record.<field>.
	Form string `json:"form,omitempty"`
	// Fields, for field_changed, are the form fields whose change starts an
	// instance; a change to any one of them is enough.
	Fields []string `json:"fields,omitempty"`
	// AlsoOnCreate, for field_changed, also starts an instance when a record
	// of Form is created with one of Fields already set, so that a record
	// born in a watched state (a promise recorded as broken) is handled
	// like one that changes into it. The process then reads the same
	// record.<field> values either way; its conditions decide, as for a
	// change. (A condition on record_created would need a second process
	// repeating the first one's steps; this keeps one rule in one place.)
	AlsoOnCreate bool `json:"also_on_create,omitempty"`
	// Where, for schedule with Form, is a boolean expression over
	// record.<field> that keeps the records an instance starts for at each
	// run ("record.tier == 'A'"); empty keeps every record of Form. Each
	// run reads the records page by page, and starts one instance per
	// run and record however often the run is delivered.
	Where string `json:"where,omitempty"`
	// Cron, for schedule, is a five-field cron expression (minute, hour,
	// day of month, month, day of week) read in the calendar's time zone,
	// for example "0 9 * * 1-5".
	Cron string `json:"cron,omitempty"`
	// Calendar, for schedule, is the key of the business calendar whose time
	// zone the schedule runs in; empty means the tenant's default calendar.
	Calendar string `json:"calendar,omitempty"`
	// WorkingDaysOnly, for schedule, skips the times that fall on the
	// calendar's non-working days, so "0 9 * * *" follows public holidays
	// and make-up working days.
	WorkingDaysOnly bool `json:"working_days_only,omitempty"`
	// Event, for inbound_event, is the name of the event that starts an
	// instance ("kingdee.order_paid"); expressions read its payload as
	// event.<key>.
	Event string `json:"event,omitempty"`
}

// Kind returns KindTrigger.
func (*TriggerConfig) Kind() Kind { return KindTrigger }

// hasRecord reports whether instances started this way work on a record.
func (c *TriggerConfig) hasRecord() bool {
	switch c.On {
	case OnRecordCreated, OnFieldChanged:
		return true
	case OnManual, OnSchedule:
		return c.Form != ""
	}
	return false
}
