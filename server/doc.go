// Package server owns Formwork's HTTP face: the Fiber router, middleware,
// handlers, the OpenAPI document and the embedded web app.
//
// Every API route is declared once in the route table (routes.go) with its
// permission, request and response types; the router, the OpenAPI document
// and the tenant-isolation and role tests are all derived from that table.
// A handler parses the request, calls one domain function and writes the
// answer; domain packages never see Fiber. Refusals are rendered as RFC 9457
// problem documents in the caller's language (problem.go).
package server
