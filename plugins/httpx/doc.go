// Package httpx owns the HTTP client that plugins use for URLs people
// configure: it refuses, at dial time and so after every redirect and DNS
// answer, to connect to loopback, link-local, private and unspecified
// addresses unless the administrator allow-listed the host.
package httpx
