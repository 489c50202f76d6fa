package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
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

// npm runs npm in web/, its output going to ours.
func npm(ctx context.Context, args ...string) error {
	started := time.Now()
	cmd := exec.CommandContext(ctx, "npm", append([]string{"--prefix", webDir}, args...)...)
	cmd.Env = os.Environ()
	cmd.Stdout, cmd.Stderr = os.Stdout, os.Stderr
	err := cmd.Run()
	step("npm %v: %s", args, time.Since(started).Round(time.Second))
	return err
}
