package form

import (
	"encoding/json"
	"regexp"
	"strconv"
	"strings"

	"github.com/formworkhq/formwork/designer/expr"
	"github.com/formworkhq/formwork/internal/i18n"
)

// attachmentKind is a list of uploaded files, each a reference
// {id, name, size, content_type} to a file the attachment store holds
// (POST /api/v1/attachments). On submit every id must name a file of the
// tenant that the submitter may attach (FileResolver: in Formwork, one they
// uploaded or one the record already holds); name, size and content type
// are then rewritten from the store and checked against the settings.
type attachmentKind struct{}

// attachmentSettings limit what may be attached.
type attachmentSettings struct {
	// MaxFiles is the most files the field holds, 1 to 100; zero means 10.
	MaxFiles int `json:"max_files"`
	// MaxSize is the largest file in bytes, up to 1 GiB; zero means 20 MiB.
	MaxSize int64 `json:"max_size"`
	// AllowedTypes lists accepted media types ("application/pdf",
	// "image/*"); empty accepts any type.
	AllowedTypes []string `json:"allowed_types"`
}

// Attachment limits.
const (
	defaultMaxFiles = 10
	maxMaxFiles     = 100
	defaultMaxSize  = 20 << 20
	maxMaxSize      = 1 << 30
)

var mediaRange = regexp.MustCompile(`^[a-z0-9][a-z0-9!#$&^_.+-]*/([a-z0-9][a-z0-9!#$&^_.+-]*|\*)$`)

func (attachmentKind) name() string      { return "attachment" }
func (attachmentKind) label() Text       { return text("Attachments", "附件") }
func (attachmentKind) widgets() []string { return []string{"file_upload", "image_upload"} }

func (attachmentKind) parseSettings(raw json.RawMessage) (any, []issue) {
	var s attachmentSettings
	issues := decodeSettings(raw, setting{"max_files", &s.MaxFiles},
		setting{"max_size", &s.MaxSize}, setting{"allowed_types", &s.AllowedTypes})
	if s.MaxFiles == 0 {
		s.MaxFiles = defaultMaxFiles
	}
	if s.MaxSize == 0 {
		s.MaxSize = defaultMaxSize
	}

	if s.MaxFiles < 1 || s.MaxFiles > maxMaxFiles {
		issues = append(issues, issue{ptr: "/max_files", code: "setting_range",
			params: i18n.Params{"name": "max_files", "min": 1, "max": maxMaxFiles}})
	}
	if s.MaxSize < 1 || s.MaxSize > maxMaxSize {
		issues = append(issues, issue{ptr: "/max_size", code: "setting_range",
			params: i18n.Params{"name": "max_size", "min": 1, "max": maxMaxSize}})
	}
	for i, t := range s.AllowedTypes {
		if !mediaRange.MatchString(t) {
			issues = append(issues, issue{ptr: pointer("/allowed_types", strconv.Itoa(i)),
				code: "media_type_invalid", params: i18n.Params{"type": t}})
		}
	}
	return s, issues
}

func (attachmentKind) fragment(s any) map[string]any {
	as := s.(attachmentSettings)
	return map[string]any{"type": "array", "maxItems": as.MaxFiles,
		"items": fileFragment(as.MaxSize)}
}

func (k attachmentKind) checkProperty(p property, _ any) []issue {
	if issues := wantType(p, k, "array"); issues != nil {
		return issues
	}
	issues := checkFileRef(p.items(), k)
	for i := range issues {
		issues[i].ptr = "/items" + issues[i].ptr
	}
	return issues
}

func (attachmentKind) exprType(property, any) expr.Type { return expr.ListOf(fileRef) }

func (attachmentKind) checkValue(v any, s any) []issue {
	as := s.(attachmentSettings)
	files, _ := v.([]any)

	var issues []issue
	if len(files) > as.MaxFiles {
		issues = append(issues, issue{code: "max_files", params: i18n.Params{"max": as.MaxFiles}})
	}

	for i, f := range files {
		at := "/" + strconv.Itoa(i)
		issues = append(issues, checkFile(f, at, as.MaxSize, as.AllowedTypes)...)
	}
	return issues
}

// checkFile reports a file reference over maxSize or of a type not in
// allowed (empty allows all).
func checkFile(f any, at string, maxSize int64, allowed []string) []issue {
	file, _ := f.(map[string]any)
	var issues []issue
	if size, ok := toFloat(file["size"]); ok && maxSize > 0 && size > float64(maxSize) {
		issues = append(issues, issue{ptr: at + "/size", code: "file_too_large",
			params: i18n.Params{"max": humanSize(maxSize), "name": file["name"]}})
	}

	ct, _ := file["content_type"].(string)
	if len(allowed) > 0 && !mediaAllowed(ct, allowed) {
		issues = append(issues, issue{ptr: at + "/content_type", code: "file_type",
			params: i18n.Params{"allowed": strings.Join(allowed, ", "), "name": file["name"]}})
	}

	return issues
}

// mediaAllowed reports whether content type ct (parameters ignored) is one
// of the allowed media ranges.
func mediaAllowed(ct string, allowed []string) bool {
	ct, _, _ = strings.Cut(strings.ToLower(strings.TrimSpace(ct)), ";")
	ct = strings.TrimSpace(ct)

	for _, a := range allowed {
		if prefix, ok := strings.CutSuffix(a, "/*"); ok {
			if strings.HasPrefix(ct, prefix+"/") {
				return true
			}
		} else if ct == a {
			return true
		}
	}
	return false
}

// humanSize renders a byte count the way people read it: "20 MB".
func humanSize(n int64) string {
	switch {
	case n >= 1<<30 && n%(1<<30) == 0:
		return strconv.FormatInt(n>>30, 10) + " GB"
	case n >= 1<<20:
		return strconv.FormatFloat(float64(n)/(1<<20), 'f', -1, 64) + " MB"
	case n >= 1<<10:
		return strconv.FormatFloat(float64(n)/(1<<10), 'f', -1, 64) + " KB"
	}
	return strconv.FormatInt(n, 10) + " B"
}
