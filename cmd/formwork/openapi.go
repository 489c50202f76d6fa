package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http/httptest"
	"time"

	"github.com/formworkhq/formwork/datahub"
	"github.com/formworkhq/formwork/insights"
	"github.com/formworkhq/formwork/internal/clock"
	"github.com/formworkhq/formwork/internal/config"
	"github.com/formworkhq/formwork/plugins"
	"github.com/formworkhq/formwork/server"
	"github.com/formworkhq/formwork/templates"
)

// openAPI prints the server's OpenAPI document, so the web app can generate
// its API types without a running server (`npm --prefix web run gen:api`).
//
// The document is derived from the route table alone. The server built here
// has no stores: it answers exactly one in-process request, for the
// document, which reads none of them. Services whose presence adds routes
// (templates, plugins, insights, the data hub, the manual clock) are given
// store-less instances so their routes are described; none of their
// methods is ever called.
func openAPI(_ context.Context, _ []string, e env) error {
	log := newLogger(config.Config{LogFormat: "text", LogLevel: "warn"}, e.stderr)
	catalog, err := templates.Embedded()
	if err != nil {
		return fmt.Errorf("loading the template catalog: %w", err)
	}
	deps := server.Deps{Clock: clock.Real{}, Log: log,
		Templates: templates.New(catalog, templates.Deps{}),
		Plugins:   plugins.New(plugins.Config{Clock: clock.Real{}, Log: log}),
		Insights:  insights.New(nil, nil, clock.Real{}, insights.Config{}, log),
		DataHub:   datahub.New(nil, nil, clock.Real{}, datahub.Config{}, log),
		AdvanceClock: func(context.Context, time.Duration) (time.Time, error) {
			return time.Time{}, errors.New("no clock in the openapi command")
		}}
	srv := server.New(deps, server.Options{Version: version})
	res, err := srv.App().Test(httptest.NewRequest("GET", "/api/v1/openapi.json", nil))
	if err != nil {
		return fmt.Errorf("building the OpenAPI document: %w", err)
	}
	defer res.Body.Close()
	if res.StatusCode != 200 {
		return fmt.Errorf("building the OpenAPI document: status %d", res.StatusCode)
	}
	if _, err := io.Copy(e.stdout, res.Body); err != nil {
		return fmt.Errorf("writing the OpenAPI document: %w", err)
	}
	return nil
}
