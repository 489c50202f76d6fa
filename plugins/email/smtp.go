package email

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"net"
	"net/mail"
	"net/smtp"
	"net/textproto"
	"strconv"

	"github.com/formworkhq/formwork/runtime/outbox"
)

// Send mails m to its recipients, which are e-mail addresses: one letter
// per recipient locale (m.Payload["recipient_locales"], address →
// locale, else the message's locale, else DefaultLocale), each in its
// locale's template and in one SMTP transaction, and returns their
// Message-IDs, comma separated. SMTP 4xx replies and network failures
// are Retryable; 5xx replies and bad addresses are Permanent. A letter
// that fails after others went out reports their recipients as reached
// (an outbox.PartialError), so a retry mails only the rest.
func (m *Mailer) Send(ctx context.Context, msg *outbox.Message) (string, error) {
	if _, err := addresses(msg.Recipients); err != nil {
		return "", err
	}

	groups := byLocale(msg)
	var ids, reached []string
	for i, g := range groups {
		suffix := ""
		if len(groups) > 1 {
			suffix = "." + strconv.Itoa(i+1)
		}
		id, err := m.sendGroup(ctx, msg, g, suffix)
		if err != nil && len(ids) > 0 {
			return "", &outbox.PartialError{Reached: reached,
				VendorID: outbox.JoinVendorIDs(ids...), Err: err}
		}
		if err != nil {
			return "", err
		}
		ids, reached = append(ids, id), append(reached, g.recipients...)
	}

	return outbox.JoinVendorIDs(ids...), nil
}

// sendGroup mails the letter of one locale group.
func (m *Mailer) sendGroup(ctx context.Context, msg *outbox.Message, g localeGroup,
	suffix string) (string, error) {
	to, err := addresses(g.recipients)
	if err != nil {
		return "", err
	}
	letter, err := letterFor(msg, m.From, m.Clock.Now(), to, g.locale, m.templates(), suffix)
	if err != nil {
		return "", outbox.Permanent(err)
	}
	raw, err := letter.Bytes()
	if err != nil {
		return "", outbox.Permanent(err)
	}

	c, err := m.dial(ctx)
	if err != nil {
		return "", err
	}
	defer c.Close()

	if err := m.transact(c, to, raw); err != nil {
		return "", classify(err)
	}

	return letter.MessageID, nil
}

// addresses parses the recipients as bare e-mail addresses.
func addresses(recipients []string) ([]string, error) {
	if len(recipients) == 0 {
		return nil, outbox.Permanent(errors.New("sending e-mail: no recipients"))
	}

	out := make([]string, 0, len(recipients))
	for _, r := range recipients {
		a, err := mail.ParseAddress(r)
		if err != nil {
			return nil, outbox.Permanent(fmt.Errorf("sending e-mail: recipient %q: %w", r, err))
		}
		out = append(out, a.Address)
	}

	return out, nil
}

// dial connects to the server, over TLS when asked, and says hello.
func (m *Mailer) dial(ctx context.Context) (*smtp.Client, error) {
	s := m.Settings
	addr := net.JoinHostPort(s.Host, strconv.Itoa(s.Port))
	conn, err := m.dialer()(ctx, "tcp", addr)
	if err != nil {
		return nil, dialError(addr, err)
	}
	if deadline, ok := ctx.Deadline(); ok {
		_ = conn.SetDeadline(deadline)
	}
	if s.Security == SecurityTLS {
		conn = tls.Client(conn, m.tlsConfig())
	}

	c, err := smtp.NewClient(conn, s.Host)
	if err != nil {
		_ = conn.Close()
		return nil, classify(fmt.Errorf("greeting %s: %w", addr, err))
	}

	if err := m.secure(c); err != nil {
		_ = c.Close()
		return nil, err
	}

	return c, nil
}

// secure upgrades with STARTTLS when asked, then authenticates.
func (m *Mailer) secure(c *smtp.Client) error {
	s := m.Settings
	if s.Security == SecurityStartTLS {
		if ok, _ := c.Extension("STARTTLS"); !ok {
			return outbox.Permanent(fmt.Errorf("smtp server %s does not offer STARTTLS", s.Host))
		}
		if err := c.StartTLS(m.tlsConfig()); err != nil {
			return classify(fmt.Errorf("starting tls with %s: %w", s.Host, err))
		}
	}

	if s.Username == "" {
		return nil
	}
	if err := c.Auth(smtp.PlainAuth("", s.Username, s.Password, s.Host)); err != nil {
		return classify(fmt.Errorf("signing in to %s: %w", s.Host, err))
	}

	return nil
}

// dialer is the Mailer's Dial, or else one refusing non-public addresses.
func (m *Mailer) dialer() DialFunc {
	if m.Dial != nil {
		return m.Dial
	}
	return guardedDial(nil)
}

// tlsConfig is the configured or the default TLS configuration.
func (m *Mailer) tlsConfig() *tls.Config {
	if m.TLS != nil {
		return m.TLS.Clone()
	}

	return &tls.Config{ServerName: m.Settings.Host, MinVersion: tls.VersionTLS12}
}

// transact sends the envelope and the data, then quits.
func (m *Mailer) transact(c *smtp.Client, to []string, raw []byte) error {
	if err := c.Mail(m.From.Address); err != nil {
		return fmt.Errorf("smtp MAIL FROM: %w", err)
	}
	for _, rcpt := range to {
		if err := c.Rcpt(rcpt); err != nil {
			return fmt.Errorf("smtp RCPT TO %s: %w", rcpt, err)
		}
	}

	w, err := c.Data()
	if err != nil {
		return fmt.Errorf("smtp DATA: %w", err)
	}
	if _, err := w.Write(raw); err != nil {
		return fmt.Errorf("smtp DATA: %w", err)
	}
	if err := w.Close(); err != nil {
		return fmt.Errorf("smtp end of DATA: %w", err)
	}

	_ = c.Quit()

	return nil
}

// classify makes an SMTP 5xx reply Permanent and anything else Retryable.
func classify(err error) error {
	var te *textproto.Error
	if errors.As(err, &te) && te.Code >= 500 {
		return outbox.Permanent(err)
	}

	return outbox.Retryable(err)
}
