package main

import (
	"bufio"
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
)

// fuzzTime bounds each fuzz target of the fuzz pass.
const fuzzTime = "10s"

// fuzzTarget is one Go fuzz function and the package directory it is in.
type fuzzTarget struct {
	dir, name string
}

// fuzzFunc matches the declaration of a fuzz target.
var fuzzFunc = regexp.MustCompile(`^func (Fuzz[A-Za-z0-9_]*)\(\w+ \*testing\.F\)`)

// fuzzPass runs every fuzz target of the module for fuzzTime each, on the
// embedded stores; only with -long (CI), since it takes minutes. Go fuzzes
// one target of one package per run, so the pass runs them one by one and
// reports every failing target at the end. New crashers are written to the
// package's testdata/fuzz directory, where go test replays them from then
// on.
func fuzzPass(ctx context.Context, o options) error {
	if !o.long {
		step("skipped: the fuzz pass runs with -long")
		return nil
	}
	targets, err := fuzzTargets(".")
	if err != nil {
		return err
	}

	env := []string{"FORMWORK_TEST_MONGO_URI=", "FORMWORK_TEST_REDIS_ADDR="}
	var failed []string
	for _, ft := range targets {
		if err := fuzzOne(ctx, env, ft); err != nil {
			if ctx.Err() != nil {
				return ctx.Err()
			}
			failed = append(failed, ft.dir+"."+ft.name)
		}
	}
	if len(failed) > 0 {
		return fmt.Errorf("fuzz targets failed: %s", strings.Join(failed, ", "))
	}
	return nil
}

// fuzzOne fuzzes one target. Go 1.26's fuzzing coordinator can fail a
// run that found nothing with "context deadline exceeded" when -fuzztime
// ends while a worker is still busy, which a loaded machine makes likely
// (go.dev/issue/75804, fixed in Go 1.27). A failure that wrote no failing
// input is therefore run once more; a failing input, or a second failure,
// fails the target.
func fuzzOne(ctx context.Context, env []string, ft fuzzTarget) error {
	args := []string{"test", "-run=^$", "-fuzz=^" + ft.name + "$", "-fuzztime=" + fuzzTime,
		"./" + ft.dir}
	for attempt := 1; ; attempt++ {
		step("fuzz %s %s for %s", ft.dir, ft.name, fuzzTime)
		before := crashers(ft)
		err := goCmd(ctx, env, args...)
		if err == nil || ctx.Err() != nil || attempt == 2 || crashers(ft) > before {
			return err
		}
		step("%s failed without writing a failing input (Go's fuzzing shutdown race, "+
			"go.dev/issue/75804): once more", ft.name)
	}
}

// crashers counts the inputs in the target's testdata/fuzz directory.
func crashers(ft fuzzTarget) int {
	entries, err := os.ReadDir(filepath.Join(ft.dir, "testdata", "fuzz", ft.name))
	if err != nil {
		return 0
	}
	return len(entries)
}

// fuzzTargets lists the fuzz functions of the _test.go files under root,
// in path order, skipping hidden directories, testdata and node_modules.
func fuzzTargets(root string) ([]fuzzTarget, error) {
	var out []fuzzTarget
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			return skipDir(path, d.Name())
		}
		if !strings.HasSuffix(path, "_test.go") {
			return nil
		}
		names, err := fuzzFuncs(path)
		for _, n := range names {
			out = append(out, fuzzTarget{dir: filepath.ToSlash(filepath.Dir(path)), name: n})
		}
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("listing fuzz targets: %w", err)
	}
	sort.Slice(out, func(i, j int) bool {
		return out[i].dir+"."+out[i].name < out[j].dir+"."+out[j].name
	})
	return out, nil
}

func skipDir(path, name string) error {
	if path != "." && (strings.HasPrefix(name, ".") || name == "testdata" ||
		name == "node_modules") {
		return filepath.SkipDir
	}
	return nil
}

// fuzzFuncs returns the names of the fuzz targets declared in file.
func fuzzFuncs(file string) ([]string, error) {
	f, err := os.Open(file)
	if err != nil {
		return nil, err
	}
	defer f.Close()

	var names []string
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 0, 64*1024), 1024*1024)
	for sc.Scan() {
		if m := fuzzFunc.FindStringSubmatch(sc.Text()); m != nil {
			names = append(names, m[1])
		}
	}
	return names, sc.Err()
}
