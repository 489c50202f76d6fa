// Package email owns the e-mail channel: the "email_smtp" plugin, which
// sends a message as a multipart/alternative e-mail (plain text and
// escaped HTML) through a tenant's SMTP server over STARTTLS, implicit TLS
// or, for local relays, plain SMTP.
package email
