// Package audit owns Formwork's append-only audit log: who changed a
// definition, a person's roles, a token, a plugin instance or a webhook
// secret, who was refused (403) and which sign-ins failed or locked an
// account.
//
// An entry names fields, never values: its summary is made of field names,
// a key or a version ("roles,manager_id", "v3"), so no password, token or
// signing secret can reach the log. The package offers only Record and List:
// nothing updates or deletes an entry, and no route does either.
//
// Writing an entry never fails the caller's request. The change it
// describes has already happened when Record runs; answering 500 for a
// change that was made would invite a retry that makes it twice, and an
// audit store that is down would stop every admin from working. A failed
// write is logged at error level and counted in
// formwork_audit_write_failures_total, which an operator alerts on.
package audit
