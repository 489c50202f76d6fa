package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
)

// webDir is the web app, relative to the module root testrun runs in.
const webDir = "web"

// minNode is the oldest Node.js the web tooling (Vite 8, Vitest 4) runs on.
var minNode = [3]int{20, 19, 0}

// webPass runs the web app's unit tests (Vitest) and its end-to-end flow in
// a headless Chromium against a freshly built binary. Node.js, npm and
// Chromium must be installed; it fails naming what is missing. A run
// narrowed with -pkg or -run is about Go tests and skips it.
func webPass(ctx context.Context, o options) error {
	if o.run != "" || !slices.Equal(o.pkgs, []string{"./..."}) {
		step("skipped: -pkg or -run narrows the run to Go tests")
		return nil
	}
	if err := webTools(); err != nil {
		return err
	}
	if err := npmInstall(ctx); err != nil {
		return err
	}
	if err := npm(ctx, "test"); err != nil {
		return fmt.Errorf("vitest: %w", err)
	}
	if err := npm(ctx, "run", "e2e"); err != nil {
		return fmt.Errorf("end-to-end flow: %w", err)
	}
	return nil
}

// webTools checks for Node.js (new enough), npm and Chromium.
func webTools() error {
	if _, err := exec.LookPath("node"); err != nil {
		return errors.New("the web pass needs Node.js 20.19 or newer and npm: " +
			"install them (apt-get install -y nodejs npm, or https://nodejs.org)")
	}
	if _, err := exec.LookPath("npm"); err != nil {
		return errors.New("the web pass needs npm: install it (apt-get install -y npm)")
	}
	out, err := exec.Command("node", "--version").Output()
	if err != nil {
		return fmt.Errorf("running node --version: %w", err)
	}
	if v, ok := parseNode(string(out)); !ok || slices.Compare(v[:], minNode[:]) < 0 {
		return fmt.Errorf("the web pass needs Node.js %d.%d or newer, found %s",
			minNode[0], minNode[1], out)
	}
	chromium := envOr("CHROMIUM_PATH", "/usr/bin/chromium")
	if _, err := os.Stat(chromium); err != nil {
		return fmt.Errorf("the web pass drives Chromium at %s, which is missing: "+
			"install it (apt-get install -y chromium) or set CHROMIUM_PATH", chromium)
	}
	return nil
}

var nodeVersion = regexp.MustCompile(`^v?(\d+)\.(\d+)\.(\d+)`)

// parseNode reads "v20.19.2" into its three numbers.
func parseNode(s string) ([3]int, bool) {
	m := nodeVersion.FindStringSubmatch(s)
	if m == nil {
		return [3]int{}, false
	}
	var v [3]int
	for i := range v {
		v[i], _ = strconv.Atoi(m[i+1])
	}
	return v, true
}

// npmInstall runs `npm ci` when node_modules is missing or older than
// package-lock.json (npm records what it installed in
// node_modules/.package-lock.json).
func npmInstall(ctx context.Context) error {
	lock, err := os.Stat(filepath.Join(webDir, "package-lock.json"))
	if err != nil {
		return fmt.Errorf("web/package-lock.json: %w", err)
	}
	installed, err := os.Stat(filepath.Join(webDir, "node_modules", ".package-lock.json"))
	if err == nil && !installed.ModTime().Before(lock.ModTime()) {
		return nil
	}
	step("npm ci: web/node_modules is missing or stale")
	if err := npm(ctx, "ci", "--no-audit", "--no-fund"); err != nil {
		return fmt.Errorf("npm ci: %w", err)
	}
	return nil
}

// npm runs npm in web/, its output going to ours. A failure carries the
// last lines npm printed, so the run's summary says what went wrong.
func npm(ctx context.Context, args ...string) error {
	started := time.Now()
	cmd := exec.CommandContext(ctx, "npm", append([]string{"--prefix", webDir}, args...)...)
	cmd.Env = os.Environ()
	tail := &lastLines{max: npmTailLines}
	cmd.Stdout, cmd.Stderr = io.MultiWriter(os.Stdout, tail), io.MultiWriter(os.Stderr, tail)
	err := cmd.Run()
	step("npm %v: %s", args, time.Since(started).Round(time.Second))
	if err != nil {
		return fmt.Errorf("%w; its last lines:\n%s", err, tail)
	}
	return nil
}

// npmTailLines is how much of a failed npm command's output is repeated.
const npmTailLines = 30

// lastLines keeps the last max lines written to it. Both of a command's
// streams may write to one lastLines at once.
type lastLines struct {
	mu      sync.Mutex
	max     int
	lines   []string
	partial []byte
}

func (l *lastLines) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.partial = append(l.partial, p...)
	for {
		i := bytes.IndexByte(l.partial, '\n')
		if i < 0 {
			break
		}
		l.lines = append(l.lines, string(l.partial[:i]))
		l.partial = l.partial[i+1:]
		if len(l.lines) > l.max {
			l.lines = l.lines[len(l.lines)-l.max:]
		}
	}
	return len(p), nil
}

// String is the kept lines, with an unfinished last line.
func (l *lastLines) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	out := strings.Join(l.lines, "\n")
	if len(l.partial) > 0 {
		out += "\n" + string(l.partial)
	}
	return out
}
