// Package intake serves public intake links: a landing page posts a lead
// to a form of a tenant without signing in, through a link whose token is
// the only permission it needs.
//
// A link names the form and the person who owns what comes in until a
// process assigns it; it can be revoked. Submissions are validated like any
// other (the same refusals, per field), carry the page's utm_* parameters
// and referring page into the form's fields of those names, and are
// rate-limited per link and per address, so a form on the open internet
// cannot be used to flood a pipeline.
package intake
