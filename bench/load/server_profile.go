package main

import (
	"context"
	"fmt"
	"io"
	"math"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
)

// serverProfile is a CPU profile of the running `formwork serve` taken
// while the load tool drove one scenario, read with pprof.
type serverProfile struct {
	scenario string
	conns    int
	top      []pprofLine
}

// profileServer drives f on conns connections for one more run of the
// scenario's duration — not counted in the figures — while it takes a CPU
// profile of the server through its FORMWORK_PPROF_ADDR listener. Unlike
// the in-process Go benchmark, this profile sees what concurrent requests
// cost one another: lock waits, conditional-update retries, the HTTP layer.
func (b *bench) profileServer(ctx context.Context, scenario string, conns int, f op) {
	if b.pprofAddr == "" {
		return
	}
	secs := max(1, int(math.Ceil(b.o.duration.Seconds())))
	path := filepath.Join(b.dir, scenario+".cpu.out")
	var wg sync.WaitGroup
	var perr error
	wg.Go(func() { perr = fetchProfile(ctx, b.pprofAddr, secs, path) })
	drive(ctx, conns, b.o.duration, f)
	wg.Wait()
	if perr != nil {
		b.log.Warn("server profile", "scenario", scenario, "err", perr)
		return
	}
	out, err := exec.CommandContext(ctx, "go", "tool", "pprof", "-top", "-cum",
		"-nodecount", "400", "-nodefraction", "0", b.bin, path).Output()
	if err != nil {
		b.log.Warn("reading the server profile", "scenario", scenario, "err", err)
		return
	}
	p := &serverProfile{scenario: scenario, conns: conns}
	for _, l := range pprofLines(out) {
		if servedByUs(l.name) && len(p.top) < 16 {
			p.top = append(p.top, l)
		}
	}
	b.res.profiles = append(b.res.profiles, p)
}

// fetchProfile asks the server's profiler for secs seconds of CPU profile
// and writes it to path.
func fetchProfile(ctx context.Context, addr string, secs int, path string) error {
	url := fmt.Sprintf("http://%s/debug/pprof/profile?seconds=%d", addr, secs)
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return err
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		return fmt.Errorf("GET %s: %w", url, err)
	}
	defer res.Body.Close()
	if res.StatusCode != http.StatusOK {
		body, _ := io.ReadAll(io.LimitReader(res.Body, 512))
		return fmt.Errorf("GET %s: %s %s", url, res.Status, body)
	}
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if _, err := io.Copy(f, res.Body); err != nil {
		_ = f.Close()
		return err
	}
	return f.Close()
}

// servedByUs keeps the lines of a server profile that say where a request's
// time goes: Formwork's packages, the HTTP layer, the store and its driver.
func servedByUs(name string) bool {
	for _, p := range []string{"formworkhq/formwork/", "gofiber/fiber/v3.(*App).next",
		"FerretDB/FerretDB/internal/handler.(*Handler).Msg", "modernc.org/sqlite.(*conn).exec",
		"mongo-driver/v2/x/mongo/driver.Operation.Execute", "sync.(*Mutex).Lock"} {
		if strings.Contains(name, p) && !strings.Contains(name, "formwork/cmd/formwork.") {
			return true
		}
	}
	return false
}

// profilesSection prints the server profiles of one store setup.
func (r *report) profilesSection(w io.Writer, t *targetResult) {
	for _, p := range t.profiles {
		fmt.Fprintf(w, "### `formwork serve` under load: %s at %d connections (pprof)\n\n",
			p.scenario, p.conns)
		fmt.Fprintf(w, "A CPU profile of the server process over one extra, uncounted run "+
			"(FORMWORK_PPROF_ADDR); cumulative shares of its CPU time:\n\n")
		fmt.Fprint(w, "| cum % | flat % | function |\n|---|---|---|\n")
		for _, l := range p.top {
			fmt.Fprintf(w, "| %.1f | %.1f | `%s` |\n", l.cum, l.flat, l.name)
		}
		fmt.Fprintln(w)
	}
}
