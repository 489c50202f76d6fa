package main

import (
	"errors"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func TestParseOptions(t *testing.T) {
	tests := []struct {
		name      string
		args      []string
		targets   []string
		scenarios []string
		duration  time.Duration
	}{
		{"defaults", nil, []string{"embedded"}, allScenarios, 10 * time.Second},
		{"both setups, some scenarios", []string{"-stores", "local, embedded,local",
			"-scenarios", "timers,submit", "-duration", "2s"},
			[]string{"local", "embedded"}, []string{"submit", "timers"}, 2 * time.Second},
		{"external", []string{"-mongo", "mongodb://h:27017/", "-redis", "h:6379"},
			[]string{"external"}, allScenarios, 10 * time.Second},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o, err := parseOptions(tt.args, io.Discard)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.targets, o.targets); diff != "" {
				t.Errorf("targets (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.scenarios, o.scenarios); diff != "" {
				t.Errorf("scenarios (-want +got):\n%s", diff)
			}
			if o.duration != tt.duration {
				t.Errorf("duration = %s, want %s", o.duration, tt.duration)
			}
		})
	}
}

func TestParseOptionsRefusesBadInput(t *testing.T) {
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"unknown scenario", []string{"-scenarios", "submit,fly"}, `unknown scenario "fly"`},
		{"unknown store", []string{"-stores", "cloud"}, `unknown store setup "cloud"`},
		{"empty stores", []string{"-stores", " , "}, "-stores is empty"},
		{"mongo alone", []string{"-mongo", "mongodb://h/"}, "-mongo and -redis go together"},
		{"bad duration", []string{"-duration", "soon"}, `invalid value "soon"`},
		{"tiny duration", []string{"-duration", "1ms"}, "-duration 1ms is out of range"},
		{"no connections", []string{"-conns", "0"}, "-conns 0 is out of range"},
		{"shared redis db", []string{"-redis-db", "0"}, "-redis-db 0 is out of range"},
		{"stray argument", []string{"submit"}, `unexpected argument "submit"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := parseOptions(tt.args, io.Discard)
			var ue *usageError
			if !errors.As(err, &ue) {
				t.Fatalf("error = %v, want a usage error", err)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error = %q, want it to contain %q", err, tt.want)
			}
		})
	}
}

func TestRunExitCodes(t *testing.T) {
	tests := []struct {
		name string
		args []string
		want int
		msg  string
	}{
		{"bad input", []string{"-scenarios", "nope"}, 2, `load: unknown scenario "nope"`},
		{"help", []string{"-h"}, 0, "-scenarios"},
		{"unreachable store", []string{"-mongo", "mongodb://127.0.0.1:1/", "-redis",
			"127.0.0.1:1", "-binary", "/bin/true", "-scenarios", "submit"}, 2,
			"cannot reach Redis at 127.0.0.1:1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stderr strings.Builder
			got := run(t.Context(), tt.args, io.Discard, &stderr)
			if got != tt.want {
				t.Errorf("exit code = %d, want %d; stderr: %s", got, tt.want, stderr.String())
			}
			if !strings.Contains(stderr.String(), tt.msg) {
				t.Errorf("stderr = %q, want it to contain %q", stderr.String(), tt.msg)
			}
		})
	}
}
