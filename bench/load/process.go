package main

import (
	"bufio"
	"context"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// process is a child process of the tool with its log in a file.
type process struct {
	cmd     *exec.Cmd
	done    chan struct{}
	started time.Time
	log     *os.File
}

func startProcess(ctx context.Context, bin string, args, env []string,
	logPath string) (*process, error) {
	logFile, err := os.Create(logPath)
	if err != nil {
		return nil, fmt.Errorf("creating %s: %w", logPath, err)
	}
	cmd := exec.Command(bin, args...)
	cmd.Env = append(os.Environ(), env...)
	cmd.Stdout, cmd.Stderr = logFile, logFile
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	p := &process{cmd: cmd, done: make(chan struct{}), log: logFile}
	p.started = time.Now()
	if err := cmd.Start(); err != nil {
		_ = logFile.Close()
		return nil, fmt.Errorf("starting %s: %w", bin, err)
	}
	go func() { _ = cmd.Wait(); close(p.done) }()
	context.AfterFunc(ctx, p.stop)
	return p, nil
}

func (p *process) exited() bool {
	select {
	case <-p.done:
		return true
	default:
		return false
	}
}

// stop interrupts the process, as Ctrl-C would, and kills it after 15 s.
func (p *process) stop() {
	if !p.exited() {
		_ = p.cmd.Process.Signal(os.Interrupt)
		select {
		case <-p.done:
		case <-time.After(15 * time.Second):
			_ = p.cmd.Process.Kill()
			<-p.done
		}
	}
	_ = p.log.Close()
}

// rssBytes reads the resident set size of the process from /proc.
func (p *process) rssBytes() (int64, error) {
	f, err := os.Open(filepath.Join("/proc", strconv.Itoa(p.cmd.Process.Pid), "status"))
	if err != nil {
		return 0, fmt.Errorf("reading the RSS: %w", err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if kb, ok := strings.CutPrefix(sc.Text(), "VmRSS:"); ok {
			n, err := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(
				strings.TrimSpace(kb), "kB")), 10, 64)
			return n << 10, err
		}
	}
	return 0, fmt.Errorf("no VmRSS for pid %d", p.cmd.Process.Pid)
}

// formwork is a running `formwork serve`.
type formwork struct {
	*process
	base string
	// ready is how long after start /readyz first answered 200.
	ready   time.Duration
	logPath string
	// onStop receives the server's log counts when it stops.
	onStop func([]logCount)
}

// stop stops the server and hands its log counts to onStop.
func (f *formwork) stop() {
	f.process.stop()
	if f.onStop == nil {
		return
	}
	counts, err := serverLogCounts(f.logPath)
	if err == nil {
		f.onStop(counts)
	}
	f.onStop = nil
}

// startFormwork runs `formwork serve` with env on a free loopback port and
// waits until /readyz answers 200.
func startFormwork(ctx context.Context, bin, dataDir string, env []string) (*formwork, error) {
	addr, err := freeAddr()
	if err != nil {
		return nil, err
	}
	if err := os.MkdirAll(dataDir, 0o755); err != nil {
		return nil, fmt.Errorf("creating the data dir: %w", err)
	}
	logPath := filepath.Join(dataDir, "formwork.log")
	env = append([]string{"FORMWORK_ADDR=" + addr, "FORMWORK_DATA_DIR=" + dataDir,
		"FORMWORK_LOG_FORMAT=json", "FORMWORK_LOG_LEVEL=warn",
		"FORMWORK_AUTH_RATE_LIMIT=1000000"}, env...)
	p, err := startProcess(ctx, bin, []string{"serve"}, env, logPath)
	if err != nil {
		return nil, err
	}
	f := &formwork{process: p, base: "http://" + addr, logPath: logPath}
	if err := f.waitReady(60 * time.Second); err != nil {
		p.stop()
		return nil, err
	}
	return f, nil
}

func (f *formwork) waitReady(limit time.Duration) error {
	c := &http.Client{Timeout: time.Second}
	for time.Since(f.started) < limit {
		if f.exited() {
			return fmt.Errorf("formwork serve exited before it was ready (log: %s)", f.logPath)
		}
		res, err := c.Get(f.base + "/readyz")
		if err == nil {
			_ = res.Body.Close()
			if res.StatusCode == http.StatusOK {
				f.ready = time.Since(f.started)
				return nil
			}
		}
		time.Sleep(5 * time.Millisecond)
	}
	return fmt.Errorf("formwork serve was not ready after %s (log: %s)", limit, f.logPath)
}

// buildFormwork builds ./cmd/formwork into dir, from the module root.
func buildFormwork(ctx context.Context, dir string) (string, error) {
	root, err := moduleRoot(ctx)
	if err != nil {
		return "", err
	}
	bin := filepath.Join(dir, "formwork")
	cmd := exec.CommandContext(ctx, "go", "build", "-o", bin, "./cmd/formwork")
	cmd.Dir = root
	if out, err := cmd.CombinedOutput(); err != nil {
		return "", fmt.Errorf("building formwork: %w\n%s", err, out)
	}
	return bin, nil
}

func moduleRoot(ctx context.Context) (string, error) {
	out, err := exec.CommandContext(ctx, "go", "env", "GOMOD").Output()
	if err != nil {
		return "", fmt.Errorf("finding the module root: %w", err)
	}
	mod := strings.TrimSpace(string(out))
	if mod == "" || mod == os.DevNull {
		return "", usagef("run the tool inside the Formwork module (go run ./bench/load)")
	}
	return filepath.Dir(mod), nil
}
