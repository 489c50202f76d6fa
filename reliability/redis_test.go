package reliability_test

import (
	"bytes"
	"context"
	"net"
	"os/exec"
	"strconv"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"
)

// ownRedis is a redis-server this test started on a free loopback port,
// never the shared one, so that it may be stopped, flushed and
// reconfigured at will.
type ownRedis struct {
	t    *testing.T
	addr string
	port int
	args []string
	cmd  *exec.Cmd
	logs bytes.Buffer
}

// startRedis starts redis-server with no persistence and extra args, and
// stops it when the test ends. It skips the test when redis-server is not
// installed.
func startRedis(t *testing.T, extra ...string) *ownRedis {
	t.Helper()
	bin, err := exec.LookPath("redis-server")
	if err != nil {
		t.Skip("redis-server is not installed")
	}
	port := freePort(t)
	r := &ownRedis{t: t, port: port, addr: net.JoinHostPort("127.0.0.1", strconv.Itoa(port))}
	r.args = append([]string{"--port", strconv.Itoa(port), "--bind", "127.0.0.1",
		"--save", "", "--appendonly", "no", "--dir", t.TempDir()}, extra...)
	r.start(bin)
	t.Cleanup(r.stop)
	return r
}

func (r *ownRedis) start(bin string) {
	r.t.Helper()
	r.logs.Reset()
	r.cmd = exec.Command(bin, r.args...)
	r.cmd.Stdout, r.cmd.Stderr = &r.logs, &r.logs
	if err := r.cmd.Start(); err != nil {
		r.t.Fatalf("starting redis-server: %v", err)
	}
	r.waitReady()
}

// restart starts the server again on the same port, empty.
func (r *ownRedis) restart() {
	r.t.Helper()
	bin, _ := exec.LookPath("redis-server")
	r.start(bin)
}

// stop kills the server and waits for it to exit.
func (r *ownRedis) stop() {
	if r.cmd == nil || r.cmd.Process == nil {
		return
	}
	_ = r.cmd.Process.Kill()
	_ = r.cmd.Wait()
	r.cmd = nil
}

func (r *ownRedis) waitReady() {
	r.t.Helper()
	rdb := redis.NewClient(&redis.Options{Addr: r.addr})
	defer rdb.Close()
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		ctx, cancel := context.WithTimeout(context.Background(), time.Second)
		err := rdb.Ping(ctx).Err()
		cancel()
		if err == nil {
			return
		}
		time.Sleep(20 * time.Millisecond)
	}
	r.t.Fatalf("redis-server on %s did not answer:\n%s", r.addr, r.logs.String())
}

// client returns a raw client of the server, closed when the test ends.
func (r *ownRedis) client() *redis.Client {
	rdb := redis.NewClient(&redis.Options{Addr: r.addr})
	r.t.Cleanup(func() { _ = rdb.Close() })
	return rdb
}

func freePort(t *testing.T) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}
