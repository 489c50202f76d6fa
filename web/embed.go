// Package web owns the browser app of Formwork and embeds its built files
// into the binary, so `formwork serve` needs no Node.js to run.
//
// The files under dist/ are what the server sends to browsers. They are
// served with a Content-Security-Policy that allows no inline script or
// style, so every script and stylesheet is a file of its own here.
package web

import (
	"embed"
	"io/fs"
)

//go:embed all:dist
var dist embed.FS

// Dist returns the built web app, rooted at its index.html.
func Dist() fs.FS {
	sub, err := fs.Sub(dist, "dist")
	if err != nil {
		panic("web: dist missing from the binary: " + err.Error())
	}
	return sub
}
