// Package email owns the e-mail channel: the "email_smtp" plugin, which
// sends a message as a multipart/alternative e-mail (plain text and HTML)
// through a tenant's SMTP server over STARTTLS, implicit TLS or, for local
// relays, plain SMTP.
//
// Letters are written from templates per locale (subject, text, HTML):
// built-in ones for en and zh-CN, whose parts an instance may replace.
// Each recipient gets the template of their own locale, or of the
// message's, or of the language the message's texts are in. The HTML
// template escapes user data for its context; instance templates may name
// only the letter's fields and a few comparison functions, so they can
// neither call nor recurse nor fail at send time.
package email
