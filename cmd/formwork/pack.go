package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"strings"

	"go.mongodb.org/mongo-driver/v2/bson"

	"github.com/formworkhq/formwork/designer"
	"github.com/formworkhq/formwork/internal/auth"
	"github.com/formworkhq/formwork/internal/clock"
	"github.com/formworkhq/formwork/internal/config"
	"github.com/formworkhq/formwork/internal/i18n"
	"github.com/formworkhq/formwork/internal/mongo"
	"github.com/formworkhq/formwork/internal/problem"
	"github.com/formworkhq/formwork/plugins"
	fwruntime "github.com/formworkhq/formwork/runtime"
	"github.com/formworkhq/formwork/runtime/ledger"
	"github.com/formworkhq/formwork/runtime/record"
	"github.com/formworkhq/formwork/templates"
)

const packUsage = "usage: formwork pack list | formwork pack install -tenant ID -id PACK " +
	"[-sample-data]"

// pack lists the template library or installs a pack into a tenant.
func pack(ctx context.Context, args []string, e env) error {
	if len(args) == 0 {
		fmt.Fprintln(e.stderr, packUsage)
		return errors.New("no pack command given")
	}
	switch args[0] {
	case "list":
		return packList(e)
	case "install":
		return packInstall(ctx, args[1:], e)
	}
	fmt.Fprintln(e.stderr, packUsage)
	return fmt.Errorf("unknown pack command %q", args[0])
}

// packList prints one line per pack of the embedded library: its id,
// version, kind (an edition or starter also names its base), names and
// capabilities.
func packList(e env) error {
	c, err := templates.Embedded()
	if err != nil {
		return err
	}
	for _, s := range c.List(templates.Filter{}) {
		kind := s.Kind
		if s.Base != "" {
			kind += " of " + s.Base
		}
		fmt.Fprintf(e.stdout, "%-24s %-8s %-26s %s / %s  [%s]\n", s.ID, s.Version, kind,
			s.Name.In(i18n.English), s.Name.In(i18n.Chinese), strings.Join(s.Capabilities, ", "))
	}
	return nil
}

// packInstall installs a pack into a tenant as its owner, on the
// configured stores.
func packInstall(ctx context.Context, args []string, e env) error {
	fs := flag.NewFlagSet("formwork pack install", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	tenantID := fs.String("tenant", "", "tenant id")
	packID := fs.String("id", "", "pack id (see formwork pack list)")
	samples := fs.Bool("sample-data", false, "also submit the pack's sample records")
	cfg, err := config.Load(fs, args, e.getenv)
	if err != nil {
		return err
	}
	if *tenantID == "" || *packID == "" {
		return errors.New("pack install needs -tenant and -id")
	}

	log := newLogger(config.Config{LogFormat: "text", LogLevel: "warn"}, e.stderr)
	st, err := openStores(ctx, cfg, true, log)
	if err != nil {
		return err
	}
	defer st.close(context.WithoutCancel(ctx), log)
	lib, err := packLibrary(ctx, st, log)
	if err != nil {
		return err
	}

	p, err := tenantOwner(ctx, st, *tenantID)
	if err != nil {
		return err
	}
	res, err := lib.Install(ctx, p, *packID, templates.InstallOptions{SampleData: *samples})
	if err != nil {
		return describePackProblem(err)
	}
	printInstallation(e, *packID, res)
	return nil
}

// packLibrary builds the embedded library on the opened stores, with the
// runtime's record service for sample data (no workers are started).
func packLibrary(ctx context.Context, st *stores, log *slog.Logger) (*templates.Library,
	error) {
	clk := clock.Real{}
	defs := designer.New(st.mongo, clk, log)
	rt, err := fwruntime.New(st.mongo, st.queue, defs, clk, fwruntime.Config{}, log)
	if err != nil {
		return nil, err
	}
	if err := ensureIndexes(ctx, st.mongo, clk, log, rt.EnsureIndexes); err != nil {
		return nil, err
	}

	ps := plugins.New(plugins.Config{Store: st.mongo, Clock: clk, Log: log})
	return serveTemplates(st, defs, rt.Records, rt.Ledger, ps)
}

// tenantOwner is the principal of a tenant's owner, who installs packs from
// the command line.
func tenantOwner(ctx context.Context, st *stores, tenantID string) (auth.Principal, error) {
	var u auth.User
	err := st.mongo.Scope(tenantID).C(auth.UsersCollection).FindOne(ctx,
		bson.D{{Key: "roles", Value: string(auth.Owner)}}, &u)
	if errors.Is(err, mongo.ErrNotFound) {
		return auth.Principal{}, fmt.Errorf("tenant %q has no owner: is the id right?", tenantID)
	}
	if err != nil {
		return auth.Principal{}, fmt.Errorf("reading the owner of tenant %q: %w", tenantID, err)
	}
	return auth.Principal{TenantID: tenantID, UserID: u.ID, Roles: u.Roles,
		Locale: i18n.English}, nil
}

func printInstallation(e env, packID string, res *templates.Installation) {
	verb := "installed"
	if !res.New {
		verb = "was already installed"
	}
	fmt.Fprintf(e.stdout, "pack %s %s as app %s\n", packID, verb, res.AppID)
	for _, c := range res.Created {
		fmt.Fprintf(e.stdout, "  %-10s %-24s %s\n", c.Kind, c.Key, c.ID)
	}
	if len(res.SampleRecords) > 0 {
		fmt.Fprintf(e.stdout, "  %d sample records submitted\n", len(res.SampleRecords))
	}
	for _, n := range res.Needs {
		fmt.Fprintf(e.stdout, "to configure: %s\n", n.Message)
	}
}

// describePackProblem turns a refusal into its message and one line per
// field, in English.
func describePackProblem(err error) error {
	pe, ok := problem.As(err)
	if !ok {
		return err
	}
	lines := []string{i18n.T(i18n.English, pe.Code, pe.Params)}
	for _, f := range pe.Fields {
		lines = append(lines, fmt.Sprintf("%s: %s", f.Pointer, f.Message(i18n.English)))
	}
	return errors.New(strings.Join(lines, "\n  "))
}

// serveTemplates is the embedded library for the HTTP server.
func serveTemplates(st *stores, defs *designer.Service, records *record.Service,
	points *ledger.Service, ps *plugins.Service) (*templates.Library, error) {
	c, err := templates.Embedded()
	if err != nil {
		return nil, err
	}
	return templates.New(c, templates.Deps{Designer: defs, Records: records,
		Ledger: points, Store: st.mongo, Channels: channelCheck(ps)}), nil
}

// channelCheck tells the template library whether a tenant has a channel
// configured: an enabled plugin instance of that kind or key.
func channelCheck(ps *plugins.Service) templates.ChannelCheck {
	return func(ctx context.Context, tenantID, channel string) (bool, error) {
		_, err := ps.Resolve(ctx, tenantID, channel)
		if errors.Is(err, plugins.ErrNoInstance) {
			return false, nil
		}
		return err == nil, err
	}
}
