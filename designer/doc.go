// Package designer owns Formwork's definitions: forms, processes,
// dashboards and business calendars as data, their drafts and immutable
// published versions, the lint that runs on save and on publish, the
// change report between versions, and packs — the portable format that
// exports an app from one tenant and imports it into another.
//
// The models and their checks live in sub-packages (form, process, expr,
// calendar); this package stores them. A definition is one document holding
// the editable draft; publishing copies the draft into a version document
// that is never changed again (DESIGN.md invariant 4), so records and
// process instances can pin the version they started with.
//
// Content is stored as canonical JSON text, not as BSON fields: JSON Schema
// keys such as "$ref" and property names with dots are legal in a schema
// but not as MongoDB field names, and definitions are only ever read whole,
// by id or by key.
package designer
