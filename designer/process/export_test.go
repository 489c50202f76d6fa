package process

import "flag"

// update rewrites golden files instead of comparing with them:
// go test ./designer/process -update
var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// Update tells the external tests whether to rewrite golden files.
func Update() bool { return *update }
