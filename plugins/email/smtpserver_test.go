package email_test

import (
	"net"
	"net/textproto"
	"strings"
	"sync"
	"testing"
)

// received is what the fake SMTP server was told in one transaction.
type received struct {
	From string
	To   []string
	Data string
}

// fakeSMTP is a minimal SMTP server on 127.0.0.1 that records what it
// receives and answers the configured reply to one command.
type fakeSMTP struct {
	addr string
	// reply maps a command ("MAIL", "RCPT", "DATA", "END") to its answer;
	// "RCPT <address>" answers the RCPT of one address.
	reply map[string]string

	mu   sync.Mutex
	got  []received
	done sync.WaitGroup
}

func newFakeSMTP(t *testing.T, reply map[string]string) *fakeSMTP {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	s := &fakeSMTP{addr: ln.Addr().String(), reply: reply}
	t.Cleanup(func() { _ = ln.Close(); s.done.Wait() })
	s.done.Add(1)
	go func() {
		defer s.done.Done()
		for {
			conn, err := ln.Accept()
			if err != nil {
				return
			}
			s.serve(textproto.NewConn(conn))
		}
	}()
	return s
}

// answer is the configured reply to cmd, or ok.
func (s *fakeSMTP) answer(cmd, ok string) string {
	if r, found := s.reply[cmd]; found {
		return r
	}
	return ok
}

func (s *fakeSMTP) serve(c *textproto.Conn) {
	defer c.Close()
	var cur received
	_ = c.PrintfLine("220 fake ESMTP")
	for {
		line, err := c.ReadLine()
		if err != nil {
			return
		}
		verb := strings.ToUpper(strings.Fields(line + " x")[0])
		switch verb {
		case "EHLO", "HELO":
			_ = c.PrintfLine("250 fake")
		case "MAIL":
			cur = received{From: strings.TrimPrefix(line, "MAIL FROM:")}
			_ = c.PrintfLine("%s", s.answer("MAIL", "250 ok"))
		case "RCPT":
			to := strings.TrimPrefix(line, "RCPT TO:")
			cur.To = append(cur.To, to)
			_ = c.PrintfLine("%s", s.answer("RCPT "+strings.Trim(to, "<>"),
				s.answer("RCPT", "250 ok")))
		case "DATA":
			s.data(c, &cur)
		case "QUIT":
			_ = c.PrintfLine("221 bye")
			return
		default:
			_ = c.PrintfLine("250 ok")
		}
	}
}

func (s *fakeSMTP) data(c *textproto.Conn, cur *received) {
	r := s.answer("DATA", "354 go ahead")
	_ = c.PrintfLine("%s", r)
	if !strings.HasPrefix(r, "354") {
		return
	}
	raw, err := c.ReadDotBytes()
	if err != nil {
		return
	}
	cur.Data = string(raw)
	s.mu.Lock()
	s.got = append(s.got, *cur)
	s.mu.Unlock()
	_ = c.PrintfLine("%s", s.answer("END", "250 queued"))
}

func (s *fakeSMTP) received() []received {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]received(nil), s.got...)
}
