// Package form owns Formwork's form definitions at design time: the model a
// designer or API client writes, the field kinds it may use, the compiler
// that checks a definition once per version, and the validator that checks
// submitted records against the compiled result.
//
// A form is three things. Its JSON Schema 2020-12 document says what data is
// valid; its layout says how the data is shown (sections, columns, field
// kinds, widgets, labels per locale, visibility); its rules add what a schema
// cannot say well: conditional requirements and custom assertions written in
// Formwork's expression language (package designer/expr).
//
// Compile refuses a broken definition with one *problem.Error that names
// every problem at once, each by a JSON pointer into the definition. A
// Compiled form holds the compiled schema and every compiled expression, so
// Validate does no compiling per call; it answers with one *problem.Error
// naming every offending field by a JSON pointer into the submitted data,
// with messages in zh-CN and en that use the field's own label. Cache keeps
// compiled forms per (form id, version). Diff compares two definitions and
// says which changes can hurt records that already exist.
//
// Storage, versions and HTTP live elsewhere; this package never touches a
// store, and it reaches tenant data only through the Resolver it is given.
package form
