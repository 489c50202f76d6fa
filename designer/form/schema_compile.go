package form

import (
	"errors"
	"net/url"
	"strings"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/formworkhq/formwork/internal/i18n"
)

// Why santhosh-tekuri/jsonschema v6 rather than v5 (or another library):
// v6 reports every failure as a typed ErrorKind (kind.Required,
// kind.MaxLength …) carrying its facts as fields, so we write our own
// messages in zh-CN and en instead of passing on a library's English; every
// document it reads goes through a URLLoader we install on the compiler, so
// a user's schema can never make the server fetch a URL or read a file; and
// it implements draft 2020-12 with format assertions that can be switched
// on and extended (we add "phone"). v5 reports failures as English strings
// and resolves URLs through a loader table shared by the whole process.

// schemaURL names a form's schema inside the compiler. It is never fetched:
// the document is added as a resource before compiling.
const schemaURL = "urn:formwork:form-schema"

// errRemote is what the loader says about every URL it is asked for.
var errRemote = errors.New("form schemas may only reference their own document")

// localOnly is the schema compiler's loader: it refuses every URL, so that
// nothing outside the form's own document (and the metaschemas the library
// embeds) is ever read, from the network or the disk.
type localOnly struct{}

func (localOnly) Load(string) (any, error) { return nil, errRemote }

// compileSchema compiles the decoded document as draft 2020-12 with format
// assertions on, reporting failures to f. It returns nil on failure.
func compileSchema(f *findings, root map[string]any) *jsonschema.Schema {
	c := jsonschema.NewCompiler()
	c.DefaultDraft(jsonschema.Draft2020)
	c.AssertFormat()
	c.RegisterFormat(phoneFormat)
	c.UseLoader(localOnly{})
	if err := c.AddResource(schemaURL, root); err != nil {
		f.add("/schema", "schema_compile", i18n.Params{"reason": err.Error()})
		return nil
	}

	sch, err := c.Compile(schemaURL)
	if err != nil {
		reportCompileError(f, err)
		return nil
	}
	return sch
}

// reportCompileError turns what the schema compiler refused into findings
// that point into the definition.
func reportCompileError(f *findings, err error) {
	var (
		meta   *jsonschema.SchemaValidationError
		load   *jsonschema.LoadURLError
		regex  *jsonschema.InvalidRegexError
		anchor *jsonschema.AnchorNotFoundError
		ptr    *jsonschema.JSONPointerNotFoundError
	)
	switch {
	case errors.As(err, &meta):
		reportMetaErrors(f, meta)
	case errors.As(err, &load):
		f.add("/schema", "remote_ref", i18n.Params{"ref": load.URL})
	case errors.As(err, &regex):
		f.add(schemaPointer(regex.URL), "schema_regex", i18n.Params{"regex": regex.Regex})
	case errors.As(err, &anchor):
		f.add(schemaPointer(anchor.URL), "ref_missing", i18n.Params{"ref": anchor.Reference})
	case errors.As(err, &ptr):
		f.add("/schema", "ref_missing", i18n.Params{"ref": fragmentOf(ptr.URL)})
	default:
		f.add("/schema", "schema_compile", i18n.Params{"reason": err.Error()})
	}
}

// reportMetaErrors reports where the document breaks the 2020-12
// metaschema, in our words.
func reportMetaErrors(f *findings, e *jsonschema.SchemaValidationError) {
	var verr *jsonschema.ValidationError
	if !errors.As(e.Err, &verr) {
		f.add("/schema", "schema_compile", i18n.Params{"reason": e.Error()})
		return
	}

	base := schemaPointer(e.URL)
	for _, v := range violations(verr) {
		f.add(pointer(base, v.loc...), "schema_invalid", i18n.Params{"reason": schemaReason(v)})
	}
}

// schemaReason says in each locale what a metaschema violation means.
func schemaReason(v violation) Text {
	key := "form.schema_reason." + v.code
	if !i18n.Has(key) {
		key = "form.schema_reason.invalid"
	}

	out := Text{}
	for _, l := range i18n.Locales {
		out[string(l)] = i18n.T(l, key, localize(v.params, l))
	}
	return out
}

// schemaPointer turns a compiler location ("urn:formwork:form-schema#/a/b")
// into a pointer into the definition ("/schema/a/b").
func schemaPointer(loc string) string {
	frag := fragmentOf(loc)
	if unescaped, err := url.PathUnescape(frag); err == nil {
		frag = unescaped
	}
	if frag != "" && !strings.HasPrefix(frag, "/") {
		return "/schema" // an anchor, not a pointer
	}
	return "/schema" + frag
}

func fragmentOf(loc string) string {
	_, frag, _ := strings.Cut(loc, "#")
	return frag
}
