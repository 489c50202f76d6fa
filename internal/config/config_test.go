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
		"FORMWORK_SESSION_TTL": "forever"}
	_, err := load(t, env)
	if err == nil {
		t.Fatal("want an error")
	}
	for _, want := range []string{"FORMWORK_BODY_LIMIT", "signup must be open or closed",
		"FORMWORK_SESSION_TTL"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not mention %q", err, want)
		}
	}
}
