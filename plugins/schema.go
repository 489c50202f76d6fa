package plugins

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/santhosh-tekuri/jsonschema/v6/kind"

	"github.com/formworkhq/formwork/internal/i18n"
	"github.com/formworkhq/formwork/internal/problem"
)

// secretKeyword marks a settings property whose value is a credential.
const secretKeyword = "x-secret"

// settingsSchema is a plugin's compiled settings schema.
type settingsSchema struct {
	schema *jsonschema.Schema
	// secrets are the top-level properties marked "x-secret": true.
	secrets map[string]bool
}

// noRemote refuses every URL: settings schemas are self-contained.
type noRemote struct{}

func (noRemote) Load(url string) (any, error) {
	return nil, fmt.Errorf("settings schemas may not reference %s", url)
}

// compileSettings compiles a plugin's schema as draft 2020-12.
func compileSettings(name string, raw json.RawMessage) (*settingsSchema, error) {
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(raw))
	if err != nil {
		return nil, fmt.Errorf("reading settings schema: %w", err)
	}

	c := jsonschema.NewCompiler()
	c.DefaultDraft(jsonschema.Draft2020)
	c.AssertFormat()
	c.UseLoader(noRemote{})
	url := "urn:formwork:plugin:" + name
	if err := c.AddResource(url, doc); err != nil {
		return nil, fmt.Errorf("adding settings schema: %w", err)
	}

	sch, err := c.Compile(url)
	if err != nil {
		return nil, fmt.Errorf("compiling settings schema: %w", err)
	}

	return &settingsSchema{schema: sch, secrets: secretProps(doc)}, nil
}

// secretProps lists the top-level properties marked secret.
func secretProps(doc any) map[string]bool {
	out := map[string]bool{}
	root, _ := doc.(map[string]any)
	props, _ := root["properties"].(map[string]any)
	for name, p := range props {
		if m, ok := p.(map[string]any); ok && m[secretKeyword] == true {
			out[name] = true
		}
	}

	return out
}

// validate checks settings against the schema, reporting field errors
// under /settings.
func (s *settingsSchema) validate(settings map[string]any) error {
	inst, err := jsonRoundTrip(settings)
	if err != nil {
		return problem.Fields(problem.Field("/settings", "wrong_type", nil))
	}

	err = s.schema.Validate(inst)
	var verr *jsonschema.ValidationError
	if err == nil || !errors.As(err, &verr) {
		return err
	}

	var c problem.Collector
	collect(&c, verr)
	err = c.Err()
	// The validator walks properties in map order; sorted pointers
	// give the same document for the same input every time.
	if pe, ok := problem.As(err); ok {
		slices.SortStableFunc(pe.Fields, func(a, b problem.FieldError) int {
			return strings.Compare(a.Pointer, b.Pointer)
		})
	}

	return err
}

// collect adds one field error per leaf of the validation error tree.
func collect(c *problem.Collector, e *jsonschema.ValidationError) {
	if len(e.Causes) > 0 {
		for _, cause := range e.Causes {
			collect(c, cause)
		}
		return
	}

	base := "/settings"
	if len(e.InstanceLocation) > 0 {
		base += "/" + strings.Join(e.InstanceLocation, "/")
	}

	if req, ok := e.ErrorKind.(*kind.Required); ok {
		for _, m := range req.Missing {
			c.Add(base+"/"+m, "required", nil)
		}
		return
	}

	c.AddField(problem.FieldError{Pointer: base, Code: "invalid",
		Messages: localized("plugins.setting_invalid", nil)})
}

// localized returns the catalog message key in every locale.
func localized(key string, p i18n.Params) map[i18n.Locale]string {
	return map[i18n.Locale]string{
		i18n.English: i18n.T(i18n.English, key, p),
		i18n.Chinese: i18n.T(i18n.Chinese, key, p),
	}
}

// jsonRoundTrip turns settings into the values the validator expects.
func jsonRoundTrip(v any) (any, error) {
	b, err := json.Marshal(v)
	if err != nil {
		return nil, fmt.Errorf("encoding settings: %w", err)
	}

	return jsonschema.UnmarshalJSON(bytes.NewReader(b))
}

// DecodeSettings decodes an Env's settings into a plugin's typed struct.
func DecodeSettings(settings map[string]any, out any) error {
	b, err := json.Marshal(settings)
	if err != nil {
		return fmt.Errorf("encoding settings: %w", err)
	}

	if err := json.Unmarshal(b, out); err != nil {
		return fmt.Errorf("decoding settings: %w", err)
	}

	return nil
}
