package main

import (
	"io"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"testing"
)

func TestPprofServesOnItsOwnListener(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	stop, err := startPprof(addr, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	defer stop()
	res, err := http.Get("http://" + addr + "/debug/pprof/cmdline")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != http.StatusOK || len(body) == 0 {
		t.Fatalf("GET cmdline = %d %q", res.StatusCode, body)
	}
	// The port is taken now: a second profiler says so and names the setting.
	if _, err := startPprof(addr, slog.New(slog.DiscardHandler)); err == nil ||
		!strings.Contains(err.Error(), "FORMWORK_PPROF_ADDR") {
		t.Fatalf("second listener on %s: err = %v", addr, err)
	}
}

func TestPprofOffByDefault(t *testing.T) {
	stop, err := startPprof("", slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	stop()
}
