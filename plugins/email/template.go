package email

import (
	"bytes"
	"embed"
	"errors"
	"fmt"
	htmltemplate "html/template"
	"io"
	"slices"
	"strings"
	texttemplate "text/template"
	"text/template/parse"

	"github.com/formworkhq/formwork/internal/i18n"
)

// builtinFS holds the built-in templates, one folder per locale with
// subject.txt, text.txt and html.html.
//
//go:embed templates
var builtinFS embed.FS

// Template is one locale's e-mail: its subject, plain text and HTML
// bodies. The HTML template escapes every value for its context (element,
// attribute, URL), so titles, bodies and record data are safe in it.
type Template struct {
	Subject *texttemplate.Template
	Text    *texttemplate.Template
	HTML    *htmltemplate.Template
}

// TemplateSource is a locale's templates as an instance's settings hold
// them; an empty part keeps the built-in one.
type TemplateSource struct {
	Subject string `json:"subject,omitempty"`
	Text    string `json:"text,omitempty"`
	HTML    string `json:"html,omitempty"`
}

// Templates are the templates per locale.
type Templates map[i18n.Locale]*Template

// DefaultLocale is the locale of a message for a recipient whose locale
// is unknown, when the message names none: Chinese, as the channels pick
// texts (plugins.TextOf).
const DefaultLocale = i18n.Chinese

// maxTemplate bounds one template part, in bytes.
const maxTemplate = 16 << 10

// mailData is what templates see.
type mailData struct {
	// Title and Body are the message's texts in the mail's locale.
	Title, Body string
	// Paragraphs are Body's lines.
	Paragraphs []string
	// Link is where the message points, or "".
	Link string
	// Lang is the mail's locale tag ("en", "zh-CN").
	Lang string
}

// allowedFields and allowedFuncs are what a template may name: mailData's
// fields and functions that cannot make output grow without bound (no
// printf, whose widths can), nor call anything, nor fail (no index).
var (
	allowedFields = []string{"Title", "Body", "Paragraphs", "Link", "Lang"}
	allowedFuncs  = []string{"and", "or", "not", "eq", "ne", "len"}
)

// builtin are the parsed built-in templates.
var builtin = mustBuiltin()

func mustBuiltin() Templates {
	out := Templates{}
	for _, l := range i18n.Locales {
		src, err := builtinSource(l)
		if err == nil {
			out[l], err = parseTemplate(string(l), src, nil)
		}
		if err != nil {
			panic(fmt.Sprintf("built-in e-mail templates of %s: %v", l, err))
		}
	}

	return out
}

// builtinSource reads the built-in texts of locale l.
func builtinSource(l i18n.Locale) (TemplateSource, error) {
	read := func(name string) (string, error) {
		b, err := builtinFS.ReadFile("templates/" + string(l) + "/" + name)
		return string(b), err
	}
	var src TemplateSource
	var errs [3]error
	src.Subject, errs[0] = read("subject.txt")
	src.Text, errs[1] = read("text.txt")
	src.HTML, errs[2] = read("html.html")

	return src, errors.Join(errs[:]...)
}

// ParseTemplates returns the built-in templates with the parts of src
// (by locale tag) in their place. A part that does not parse, or names
// anything but the mail's fields and a few comparison functions, is a
// *TemplateError.
func ParseTemplates(src map[string]TemplateSource) (Templates, error) {
	out := Templates{}
	for l, t := range builtin {
		out[l] = t
	}

	for tag, s := range src {
		l, ok := i18n.Parse(tag)
		if !ok || string(l) != tag {
			return nil, &TemplateError{Locale: tag, Part: "", Err: errors.New("unknown locale")}
		}
		t, err := parseTemplate(tag, s, builtin[l])
		if err != nil {
			return nil, err
		}
		if err := t.trial(tag); err != nil {
			return nil, err
		}
		out[l] = t
	}

	return out, nil
}

// For is the template of locale l, or of DefaultLocale.
func (ts Templates) For(l i18n.Locale) *Template {
	if t, ok := ts[l]; ok {
		return t
	}

	return ts[DefaultLocale]
}

// TemplateError is a template part that cannot be used.
type TemplateError struct {
	Locale, Part string
	Err          error
}

// Error names the part and the cause.
func (e *TemplateError) Error() string {
	return fmt.Sprintf("e-mail template %s/%s: %v", e.Locale, e.Part, e.Err)
}

// Unwrap returns the cause.
func (e *TemplateError) Unwrap() error { return e.Err }

// parseTemplate parses the parts of src, keeping base's for empty ones.
func parseTemplate(tag string, src TemplateSource, base *Template) (*Template, error) {
	t := &Template{}
	if base != nil {
		*t = *base
	}

	var err error
	if src.Subject != "" {
		if t.Subject, err = parseText(tag, "subject", src.Subject); err != nil {
			return nil, err
		}
	}
	if src.Text != "" {
		if t.Text, err = parseText(tag, "text", src.Text); err != nil {
			return nil, err
		}
	}
	if src.HTML != "" {
		if t.HTML, err = parseHTML(tag, src.HTML); err != nil {
			return nil, err
		}
	}

	return t, nil
}

// parseText parses and checks one plain text part.
func parseText(tag, part, src string) (*texttemplate.Template, error) {
	if err := checkSource(src); err != nil {
		return nil, &TemplateError{Locale: tag, Part: part, Err: err}
	}
	t, err := texttemplate.New(part).Option("missingkey=error").Parse(src)
	if err != nil {
		return nil, &TemplateError{Locale: tag, Part: part, Err: err}
	}

	return t, nil
}

// parseHTML parses and checks the HTML part.
func parseHTML(tag, src string) (*htmltemplate.Template, error) {
	if err := checkSource(src); err != nil {
		return nil, &TemplateError{Locale: tag, Part: "html", Err: err}
	}
	t, err := htmltemplate.New("html").Option("missingkey=error").Parse(src)
	if err != nil {
		return nil, &TemplateError{Locale: tag, Part: "html", Err: err}
	}

	return t, nil
}

// checkSource refuses a part that is too long, defines or calls other
// templates (which could recurse) or names what is not allowed.
func checkSource(src string) error {
	if len(src) > maxTemplate {
		return fmt.Errorf("longer than %d bytes", maxTemplate)
	}

	t, err := texttemplate.New("check").Parse(src)
	if err != nil {
		return err
	}
	if len(t.Templates()) > 1 {
		return errors.New("define and block are not allowed")
	}
	if t.Tree == nil {
		return nil
	}

	return checkNode(t.Tree.Root)
}

// checkNode walks a parse tree, refusing template calls, unknown fields
// and functions outside allowedFuncs.
func checkNode(n parse.Node) error {
	switch n := n.(type) {
	case *parse.ListNode:
		if n == nil {
			return nil
		}
		return checkAll(n.Nodes)
	case *parse.ActionNode:
		return checkNode(n.Pipe)
	case *parse.IfNode:
		return checkBranch(&n.BranchNode)
	case *parse.RangeNode:
		return checkBranch(&n.BranchNode)
	case *parse.WithNode:
		return checkBranch(&n.BranchNode)
	case *parse.PipeNode:
		return checkCommands(n)
	case *parse.CommandNode:
		return checkAll(n.Args)
	case *parse.ChainNode:
		return checkNode(n.Node)
	case *parse.IdentifierNode:
		return allowed("function", n.Ident, allowedFuncs)
	case *parse.FieldNode:
		return checkField(n.Ident)
	case *parse.VariableNode:
		return checkField(n.Ident[1:])
	case *parse.TemplateNode:
		return errors.New("template calls are not allowed")
	}

	return nil // text, comments, constants, dot, variables, break, continue
}

func checkBranch(b *parse.BranchNode) error {
	if err := checkCommands(b.Pipe); err != nil {
		return err
	}
	if err := checkNode(b.List); err != nil {
		return err
	}
	if b.ElseList == nil {
		return nil
	}

	return checkNode(b.ElseList)
}

func checkCommands(p *parse.PipeNode) error {
	if p == nil {
		return nil
	}
	for _, c := range p.Cmds {
		if err := checkNode(c); err != nil {
			return err
		}
	}

	return nil
}

func checkAll(nodes []parse.Node) error {
	for _, n := range nodes {
		if err := checkNode(n); err != nil {
			return err
		}
	}

	return nil
}

// checkField accepts one of mailData's fields (or none: a variable).
func checkField(ident []string) error {
	switch len(ident) {
	case 0:
		return nil
	case 1:
		return allowed("field", ident[0], allowedFields)
	}

	return fmt.Errorf("field %q is not available", strings.Join(ident, "."))
}

// allowed refuses name when it is not in names.
func allowed(what, name string, names []string) error {
	if slices.Contains(names, name) {
		return nil
	}

	return fmt.Errorf("%s %q is not available", what, name)
}

// trialData are the messages a template is tried on before it is kept:
// every field's type is fixed, so what renders these renders any message.
var trialData = []mailData{
	{Title: "T", Body: "a\nb", Paragraphs: []string{"a", "b"}, Link: "https://x.example/",
		Lang: "en"},
	{},
}

// trial renders t with trialData, refusing what fails (ranging over a
// string, len of a number).
func (t *Template) trial(tag string) error {
	parts := []struct {
		name string
		exec func(io.Writer, any) error
	}{{"subject", t.Subject.Execute}, {"text", t.Text.Execute}, {"html", t.HTML.Execute}}

	for _, d := range trialData {
		for _, p := range parts {
			if err := p.exec(io.Discard, d); err != nil {
				return &TemplateError{Locale: tag, Part: p.name, Err: err}
			}
		}
	}

	return nil
}

// render executes t for d: the subject on one line, the text and the
// HTML bodies.
func (t *Template) render(d mailData) (subject, text, html string, err error) {
	var b bytes.Buffer
	if err = t.Subject.Execute(&b, d); err != nil {
		return "", "", "", fmt.Errorf("rendering the subject: %w", err)
	}
	subject = strings.Join(strings.Fields(b.String()), " ")

	b.Reset()
	if err = t.Text.Execute(&b, d); err != nil {
		return "", "", "", fmt.Errorf("rendering the text part: %w", err)
	}
	text = strings.TrimRight(b.String(), "\n")

	b.Reset()
	if err = t.HTML.Execute(&b, d); err != nil {
		return "", "", "", fmt.Errorf("rendering the html part: %w", err)
	}

	return subject, text, b.String(), nil
}
