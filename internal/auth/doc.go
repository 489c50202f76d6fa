// Package auth owns who is who in Formwork: tenants, their people, roles and
// what each role may do, passwords, sign-in with lockout, browser sessions
// and API tokens.
//
// Role checks live here and only here: the HTTP layer asks Can with the
// permission a route declares. Everything a tenant owns is read through the
// tenant scope of internal/mongo; the only cross-tenant reads are sign-in by
// e-mail and the bearer-token lookup, which happen before a tenant is known.
package auth
