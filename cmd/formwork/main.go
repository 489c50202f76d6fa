// Command formwork is the one binary of the Formwork platform.
//
//	formwork serve                   API, web app and background workers
//	formwork worker                  background workers only, for scale-out
//	formwork admin create-tenant     create a tenant and its owner
//	formwork pack list|install       the template library
//	formwork store serve             a standalone FerretDB (tests, benchmarks)
//	formwork openapi                 print the API's OpenAPI document
//	formwork version                 print the version
//
// This package only wires commands to the rooms that do the work.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
)

// version is set at build time with -ldflags "-X main.version=…".
var version = "dev"

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	err := run(ctx, os.Args[1:], os.Getenv, os.Stdin, os.Stdout, os.Stderr)
	if errors.Is(err, flag.ErrHelp) {
		os.Exit(0)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "formwork:", err)
		os.Exit(1)
	}
}

// env bundles what a command reads from its surroundings, so tests can run
// commands in-process.
type env struct {
	getenv func(string) string
	stdin  io.Reader
	stdout io.Writer
	stderr io.Writer
	// ready, when set, is called with the HTTP address once serve listens.
	ready func(addr string)
}

func run(ctx context.Context, args []string, getenv func(string) string,
	stdin io.Reader, stdout, stderr io.Writer) error {
	return runEnv(ctx, args, env{getenv: getenv, stdin: stdin, stdout: stdout, stderr: stderr})
}

func runEnv(ctx context.Context, args []string, e env) error {
	if len(args) == 0 {
		fmt.Fprint(e.stderr, usage)
		return errors.New("no command given")
	}
	cmd, rest := args[0], args[1:]
	switch cmd {
	case "serve":
		return serve(ctx, rest, e)
	case "worker":
		return worker(ctx, rest, e)
	case "admin":
		return admin(ctx, rest, e)
	case "pack":
		return pack(ctx, rest, e)
	case "store":
		return storeCmd(ctx, rest, e)
	case "openapi":
		return openAPI(ctx, rest, e)
	case "version":
		fmt.Fprintln(e.stdout, "formwork", version)
		return nil
	case "help", "-h", "--help":
		fmt.Fprint(e.stdout, usage)
		return nil
	}
	fmt.Fprint(e.stderr, usage)
	return fmt.Errorf("unknown command %q", cmd)
}

const usage = `usage: formwork <command> [flags]

commands:
  serve                  run the API, the web app and the background workers
  worker                 run only the background workers (scale-out)
  admin create-tenant    create a tenant and its owner
  pack list|install      list the template packs, install one into a tenant
  store serve            run a standalone FerretDB server (tests, benchmarks)
  openapi                print the API's OpenAPI document (for generated clients)
  version                print the version

Every flag can also be set as a FORMWORK_* environment variable; flags win.
Run 'formwork <command> -h' for a command's flags.
`
