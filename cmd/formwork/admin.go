package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"strings"

	"github.com/formworkhq/formwork/internal/audit"
	"github.com/formworkhq/formwork/internal/auth"
	"github.com/formworkhq/formwork/internal/clock"
	"github.com/formworkhq/formwork/internal/config"
	"github.com/formworkhq/formwork/internal/i18n"
	"github.com/formworkhq/formwork/internal/mongo"
	"github.com/formworkhq/formwork/internal/problem"
)

// admin runs administrative subcommands against the configured stores.
func admin(ctx context.Context, args []string, e env) error {
	if len(args) == 0 || args[0] != "create-tenant" {
		fmt.Fprintln(e.stderr, "usage: formwork admin create-tenant -tenant NAME -name NAME "+
			"-email ADDRESS [-password PW | FORMWORK_ADMIN_PASSWORD | stdin] [-locale zh-CN|en]")
		return errors.New("unknown admin command")
	}
	return createTenant(ctx, args[1:], e)
}

// createTenant is sign-up from the command line, for servers whose sign-up
// is closed.
func createTenant(ctx context.Context, args []string, e env) error {
	fs := flag.NewFlagSet("formwork admin create-tenant", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	var in auth.SignupInput
	var locale string
	fs.StringVar(&in.Tenant, "tenant", "", "organisation name")
	fs.StringVar(&in.Name, "name", "", "owner's name")
	fs.StringVar(&in.Email, "email", "", "owner's e-mail")
	fs.StringVar(&in.Password, "password", "", "owner's password (or FORMWORK_ADMIN_PASSWORD, "+
		"or one line on standard input)")
	fs.StringVar(&locale, "locale", "zh-CN", "owner's language: zh-CN or en")
	cfg, err := config.Load(fs, args, e.getenv)
	if err != nil {
		return err
	}
	in.Locale = i18n.Locale(locale)
	if in.Password == "" {
		in.Password = e.getenv("FORMWORK_ADMIN_PASSWORD")
	}
	if in.Password == "" {
		in.Password = readLine(e)
	}

	log := newLogger(config.Config{LogFormat: "text", LogLevel: "warn"}, e.stderr)
	m, err := mongo.Open(ctx, mongo.Options{URI: cfg.MongoURI, Database: cfg.MongoDatabase,
		DataDir: cfg.DataDir}, log)
	if err != nil {
		return fmt.Errorf("opening MongoDB: %w", err)
	}
	defer m.Close(context.WithoutCancel(ctx))
	if err := ensureIndexes(ctx, m, clock.Real{}, log); err != nil {
		return err
	}

	accounts := auth.NewAccounts(m, clock.Real{}, auth.Config{}, log)
	t, u, err := accounts.Signup(ctx, in)
	if err != nil {
		return describeProblem(err)
	}
	// The audit log says the owner came from the command line, not sign-up.
	audit.New(m, clock.Real{}, log).Record(ctx, t.ID, audit.Entry{ActorID: u.ID,
		Action: audit.UserCreate, ObjectKind: "user", ObjectID: u.ID,
		Summary: "cli,owner", Outcome: audit.OK})
	fmt.Fprintf(e.stdout, "tenant %s created (id %s); owner %s (id %s)\n", t.Name, t.ID,
		u.Email, u.ID)
	return nil
}

func readLine(e env) string {
	if e.stdin == nil {
		return ""
	}
	line, _ := bufio.NewReader(e.stdin).ReadString('\n')
	return strings.TrimRight(line, "\r\n")
}

// describeProblem turns a refusal into one line per field, in English.
func describeProblem(err error) error {
	pe, ok := problem.As(err)
	if !ok || len(pe.Fields) == 0 {
		return err
	}
	lines := make([]string, 0, len(pe.Fields))
	for _, f := range pe.Fields {
		flagName := strings.TrimPrefix(f.Pointer, "/")
		lines = append(lines, fmt.Sprintf("-%s: %s", flagName, f.Message(i18n.English)))
	}
	return errors.New("cannot create the tenant:\n  " + strings.Join(lines, "\n  "))
}
