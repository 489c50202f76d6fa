package attachment

import (
	"path"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// maxNameBytes bounds a stored file name.
const maxNameBytes = 255

// CleanName makes an uploaded file name safe to store and to send back in
// a Content-Disposition header: the last path element only (either slash),
// no control or format characters, no quotes, at most 255 bytes, the
// extension kept when it is cut. An empty result becomes "file".
func CleanName(name string) string {
	name = strings.ToValidUTF8(name, "")
	if i := strings.LastIndexAny(name, `/\`); i >= 0 {
		name = name[i+1:]
	}

	name = strings.Map(func(r rune) rune {
		switch {
		case unicode.IsControl(r), unicode.Is(unicode.Cf, r), r == '"', r == utf8.RuneError:
			return -1
		case unicode.IsSpace(r):
			return ' '
		}
		return r
	}, name)
	name = strings.Trim(truncateName(strings.Trim(name, " .")), " .")
	if name == "" {
		return "file"
	}
	return name
}

// truncateName cuts name to maxNameBytes on a rune boundary, keeping a
// short extension.
func truncateName(name string) string {
	if len(name) <= maxNameBytes {
		return name
	}
	ext := path.Ext(name)
	if len(ext) > 16 {
		ext = ""
	}

	base := name[:len(name)-len(ext)]
	keep := maxNameBytes - len(ext)
	for keep > 0 && !utf8.RuneStart(base[keep]) {
		keep--
	}
	return base[:keep] + ext
}

// extension is the lower-case extension of name without the dot.
func extension(name string) string {
	return strings.ToLower(strings.TrimPrefix(path.Ext(name), "."))
}

// chunkID is the _id of chunk n of file id.
func chunkID(id string, n int) string { return id + "." + strconv.Itoa(n) }
