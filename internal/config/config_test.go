package config_test

import (
	"flag"
	"io"
	"strings"
	"testing"

	"github.com/formworkhq/formwork/internal/config"
)

func load(t *testing.T, env map[string]string, args ...string) (config.Config, error) {
	t.Helper()
	fs := flag.NewFlagSet("test", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	return config.Load(fs, args, func(k string) string { return env[k] })
}

func TestDefaults(t *testing.T) {
	c, err := load(t, nil)
	if err != nil {
		t.Fatal(err)
	}
	if c.Addr != ":8080" || c.DataDir != "./formwork-data" || c.MongoURI != "" ||
		c.RedisAddr != "" || !c.SignupOpen() || c.BodyLimit != 2<<20 {
		t.Fatalf("unexpected defaults: %+v", c)
	}
}

func TestFlagsWinOverEnv(t *testing.T) {
	env := map[string]string{"FORMWORK_ADDR": "127.0.0.1:9000", "FORMWORK_SIGNUP": "closed"}
	c, err := load(t, env, "-addr", "127.0.0.1:9100")
	if err != nil {
		t.Fatal(err)
	}
	if c.Addr != "127.0.0.1:9100" || c.SignupOpen() {
		t.Fatalf("got addr %q signup %q", c.Addr, c.Signup)
	}
}

func TestBadValuesAreNamed(t *testing.T) {
	env := map[string]string{"FORMWORK_BODY_LIMIT": "lots", "FORMWORK_SIGNUP": "maybe",
		"FORMWORK_SESSION_TTL": "forever", "FORMWORK_REDIS_DB": "16"}
	_, err := load(t, env)
	if err == nil {
		t.Fatal("want an error")
	}
	for _, want := range []string{"FORMWORK_BODY_LIMIT", "signup must be open or closed",
		"FORMWORK_SESSION_TTL", "redis db must be 0 to 15"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not mention %q", err, want)
		}
	}
}

func TestManualClockNeedsLoopback(t *testing.T) {
	tests := []struct {
		name    string
		env     map[string]string
		wantErr string
	}{
		{"real by default", nil, ""},
		{"manual on loopback", map[string]string{"FORMWORK_CLOCK": "manual",
			"FORMWORK_ADDR": "127.0.0.1:8080"}, ""},
		{"manual on localhost", map[string]string{"FORMWORK_CLOCK": "manual",
			"FORMWORK_ADDR": "localhost:8080"}, ""},
		{"manual on every address", map[string]string{"FORMWORK_CLOCK": "manual"},
			"needs a loopback address"},
		{"manual forced", map[string]string{"FORMWORK_CLOCK": "manual",
			"FORMWORK_CLOCK_FORCE": "true"}, ""},
		{"unknown clock", map[string]string{"FORMWORK_CLOCK": "fast"}, "real or manual"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := load(t, tt.env)
			switch {
			case tt.wantErr == "" && err != nil:
				t.Fatalf("err = %v", err)
			case tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)):
				t.Fatalf("err = %v, want %q", err, tt.wantErr)
			}
		})
	}
}

func TestPprofNeedsLoopback(t *testing.T) {
	for addr, ok := range map[string]bool{"": true, "127.0.0.1:6060": true,
		"localhost:6060": true, "[::1]:6060": true, ":6060": false, "10.0.0.5:6060": false,
		"nonsense": false} {
		_, err := load(t, map[string]string{"FORMWORK_PPROF_ADDR": addr})
		if (err == nil) != ok {
			t.Errorf("FORMWORK_PPROF_ADDR=%q: err = %v, want ok=%v", addr, err, ok)
		}
		if err != nil && !strings.Contains(err.Error(), "pprof") &&
			!strings.Contains(err.Error(), "profiler") {
			t.Errorf("FORMWORK_PPROF_ADDR=%q: error does not name the setting: %v", addr, err)
		}
	}
}

func TestPublicURL(t *testing.T) {
	tests := []struct {
		name    string
		env     map[string]string
		want    string
		wantErr bool
	}{
		{"default from the port", map[string]string{"FORMWORK_ADDR": "0.0.0.0:9300"},
			"http://localhost:9300", false},
		{"set, trailing slash dropped",
			map[string]string{"FORMWORK_PUBLIC_URL": "https://forms.example.com/"},
			"https://forms.example.com", false},
		{"under a path", map[string]string{"FORMWORK_PUBLIC_URL": "https://example.com/fw"},
			"https://example.com/fw", false},
		{"no scheme", map[string]string{"FORMWORK_PUBLIC_URL": "forms.example.com"}, "", true},
		{"javascript", map[string]string{"FORMWORK_PUBLIC_URL": "javascript:alert(1)"}, "", true},
		{"query", map[string]string{"FORMWORK_PUBLIC_URL": "https://x.example?a=1"}, "", true},
		{"user info", map[string]string{"FORMWORK_PUBLIC_URL": "https://a:b@x.example"}, "", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := load(t, tt.env)
			if tt.wantErr {
				if err == nil || !strings.Contains(err.Error(), "public URL") {
					t.Fatalf("err = %v, want a public URL error", err)
				}
				return
			}
			if err != nil || c.PublicURL != tt.want {
				t.Fatalf("public URL = %q, %v; want %q", c.PublicURL, err, tt.want)
			}
		})
	}
}
