package main

import (
	"bufio"
	"fmt"
	"io"
	"net"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
)

// redisProxy forwards Formwork's Redis connections to a real Redis. On each
// new connection it first selects the tool's database (Formwork has no
// setting for it), then copies bytes both ways while it parses the client's
// side as RESP to count commands, and commands that name an Asynq task key
// (…:t:<id>), which only enqueueing, running or deleting a task touches.
type redisProxy struct {
	ln       net.Listener
	upstream string
	db       int
	commands atomic.Int64
	taskOps  atomic.Int64
	wg       sync.WaitGroup
	mu       sync.Mutex
	conns    []net.Conn
}

func startRedisProxy(upstream string, db int) (*redisProxy, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, fmt.Errorf("starting the Redis proxy: %w", err)
	}
	p := &redisProxy{ln: ln, upstream: upstream, db: db}
	p.wg.Add(1)
	go p.accept()
	return p, nil
}

func (p *redisProxy) addr() string { return p.ln.Addr().String() }

// counts returns the commands and task-key commands seen so far.
func (p *redisProxy) counts() (commands, taskOps int64) {
	return p.commands.Load(), p.taskOps.Load()
}

func (p *redisProxy) close() {
	_ = p.ln.Close()
	p.mu.Lock()
	for _, c := range p.conns {
		_ = c.Close()
	}
	p.mu.Unlock()
	p.wg.Wait()
}

func (p *redisProxy) accept() {
	defer p.wg.Done()
	for {
		c, err := p.ln.Accept()
		if err != nil {
			return
		}
		p.wg.Add(1)
		go p.serve(c)
	}
}

func (p *redisProxy) track(cs ...net.Conn) {
	p.mu.Lock()
	p.conns = append(p.conns, cs...)
	p.mu.Unlock()
}

func (p *redisProxy) serve(client net.Conn) {
	defer p.wg.Done()
	defer client.Close()
	up, err := net.Dial("tcp", p.upstream)
	if err != nil {
		return
	}
	defer up.Close()
	p.track(client, up)
	if err := selectDB(up, p.db); err != nil {
		return
	}

	done := make(chan struct{})
	go func() {
		_, _ = io.Copy(client, up)
		_ = client.Close()
		close(done)
	}()
	p.countAndCopy(up, client)
	_ = up.Close()
	<-done
}

// selectDB sends SELECT db and reads its +OK.
func selectDB(c net.Conn, db int) error {
	n := strconv.Itoa(db)
	cmd := fmt.Sprintf("*2\r\n$6\r\nSELECT\r\n$%d\r\n%s\r\n", len(n), n)
	if _, err := io.WriteString(c, cmd); err != nil {
		return err
	}
	line, err := bufio.NewReader(io.LimitReader(c, 5)).ReadString('\n')
	if err != nil || line != "+OK\r\n" {
		return fmt.Errorf("SELECT %d answered %q: %w", db, line, err)
	}
	return nil
}

// countAndCopy forwards client bytes to up, parsing each command.
func (p *redisProxy) countAndCopy(up io.Writer, client io.Reader) {
	r := bufio.NewReaderSize(io.TeeReader(client, up), 64<<10)
	for {
		args, err := readCommand(r)
		if err != nil {
			return
		}
		p.commands.Add(1)
		if touchesTask(args) {
			p.taskOps.Add(1)
		}
	}
}

// Redis's own limits on a command: arguments per command and bytes per
// argument.
const (
	maxArgs = 1 << 20
	maxBulk = 512 << 20
)

// readCommand reads one RESP array of bulk strings (or an inline command).
func readCommand(r *bufio.Reader) ([]string, error) {
	line, err := r.ReadString('\n')
	if err != nil {
		return nil, err
	}
	line = strings.TrimRight(line, "\r\n")
	if !strings.HasPrefix(line, "*") {
		return strings.Fields(line), nil
	}
	n, err := strconv.Atoi(line[1:])
	if err != nil || n > maxArgs {
		return nil, fmt.Errorf("bad RESP array header %q", line)
	}
	args := make([]string, 0, min(max(n, 0), 16))
	for range n {
		arg, err := readBulk(r)
		if err != nil {
			return nil, err
		}
		args = append(args, arg)
	}
	return args, nil
}

func readBulk(r *bufio.Reader) (string, error) {
	line, err := r.ReadString('\n')
	if err != nil {
		return "", err
	}
	line = strings.TrimRight(line, "\r\n")
	if !strings.HasPrefix(line, "$") {
		return "", fmt.Errorf("bad RESP bulk header %q", line)
	}
	n, err := strconv.Atoi(line[1:])
	if err != nil || n < 0 || n > maxBulk {
		return "", fmt.Errorf("bad RESP bulk length %q", line)
	}
	// Read what arrives rather than allocate what the header claims.
	buf, err := io.ReadAll(io.LimitReader(r, int64(n)+2))
	if err != nil {
		return "", err
	}
	if len(buf) != n+2 {
		return "", io.ErrUnexpectedEOF
	}
	return string(buf[:n]), nil
}

// touchesTask reports whether a command names an Asynq task key
// ("asynq:{default}:t:<id>").
func touchesTask(args []string) bool {
	for _, a := range args[min(1, len(args)):] {
		if strings.HasPrefix(a, "asynq:{") && strings.Contains(a, "}:t:") {
			return true
		}
	}
	return false
}
