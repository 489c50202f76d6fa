package server

import (
	"encoding/json"
	"net/http"
	"reflect"
	"strconv"
	"strings"

	"github.com/gofiber/fiber/v3"
	"github.com/invopop/jsonschema"

	"github.com/formworkhq/formwork/designer"
)

// The OpenAPI 3.1 document is derived from the route table, so it lists
// exactly the routes the router serves; a test holds the two together.
// Schemas come from the Go request and response types by reflection, which
// keeps the web app's generated client honest.

type openAPIDoc struct {
	OpenAPI    string                           `json:"openapi"`
	Info       map[string]string                `json:"info"`
	Paths      map[string]map[string]*operation `json:"paths"`
	Components map[string]any                   `json:"components"`
}

type operation struct {
	OperationID string                `json:"operationId"`
	Summary     string                `json:"summary"`
	Tags        []string              `json:"tags"`
	Parameters  []map[string]any      `json:"parameters,omitempty"`
	RequestBody map[string]any        `json:"requestBody,omitempty"`
	Responses   map[string]any        `json:"responses"`
	Security    []map[string][]string `json:"security"`
}

func (s *Server) openAPI(c fiber.Ctx) error {
	s.openAPIOnce.Do(func() { s.openAPIJSON = s.buildOpenAPI() })
	c.Set(fiber.HeaderContentType, fiber.MIMEApplicationJSON)
	return c.Send(s.openAPIJSON)
}

func (s *Server) buildOpenAPI() []byte {
	schemas := map[string]any{}
	doc := openAPIDoc{
		OpenAPI: "3.1.0",
		Info:    map[string]string{"title": "Formwork API", "version": s.opts.Version},
		Paths:   map[string]map[string]*operation{},
		Components: map[string]any{
			"schemas": schemas,
			"securitySchemes": map[string]any{
				"bearer": map[string]string{"type": "http", "scheme": "bearer"},
				"cookie": map[string]string{"type": "apiKey", "in": "cookie", "name": SessionCookie},
			},
		},
	}
	addSchema(schemas, ProblemDoc{})
	// A dashboard's content travels as free JSON (a definition's draft, an
	// input's widgets); naming its type gives clients the widgets' shape.
	addSchema(schemas, designer.Dashboard{})
	for _, r := range s.routes {
		p := openAPIPath(r.path)
		if doc.Paths[p] == nil {
			doc.Paths[p] = map[string]*operation{}
		}
		doc.Paths[p][strings.ToLower(r.method)] = describe(r, schemas)
	}
	b, err := json.MarshalIndent(doc, "", "  ")
	if err != nil {
		panic("server: marshalling OpenAPI document: " + err.Error())
	}
	return b
}

func describe(r route, schemas map[string]any) *operation {
	op := &operation{OperationID: r.op, Summary: r.summary, Tags: []string{r.tag},
		Responses: map[string]any{}, Security: []map[string][]string{}}
	if r.access != public {
		op.Security = []map[string][]string{{"bearer": {}}, {"cookie": {}}}
	}
	for _, name := range pathParams(r.path) {
		op.Parameters = append(op.Parameters, map[string]any{"name": name, "in": "path",
			"required": true, "schema": map[string]string{"type": "string"}})
	}
	if r.idempotent {
		op.Parameters = append(op.Parameters, map[string]any{"name": idempotencyHeader,
			"in": "header", "schema": map[string]any{"type": "string", "maxLength": 255}})
	}
	if r.in != nil {
		op.RequestBody = map[string]any{"required": true, "content": map[string]any{
			"application/json": map[string]any{"schema": addSchema(schemas, r.in)}}}
	}
	ok := map[string]any{"description": http.StatusText(r.status)}
	if r.out != nil {
		ok["content"] = map[string]any{
			"application/json": map[string]any{"schema": addSchema(schemas, r.out)}}
	}
	op.Responses[strconv.Itoa(r.status)] = ok
	op.Responses["default"] = map[string]any{"description": "A problem document",
		"content": map[string]any{"application/problem+json": map[string]any{
			"schema": map[string]string{"$ref": "#/components/schemas/ProblemDoc"}}}}
	return op
}

// addSchema reflects v's type into components and returns a $ref to it.
func addSchema(schemas map[string]any, v any) map[string]string {
	r := jsonschema.Reflector{AllowAdditionalProperties: false}
	sch := r.Reflect(v)
	raw, _ := json.Marshal(sch)
	raw = []byte(strings.ReplaceAll(string(raw), "#/$defs/", "#/components/schemas/"))
	var parsed map[string]any
	_ = json.Unmarshal(raw, &parsed)
	defs, _ := parsed["$defs"].(map[string]any)
	for name, d := range defs {
		schemas[name] = d
	}
	name := reflect.TypeOf(v).Name()
	return map[string]string{"$ref": "#/components/schemas/" + name}
}

func pathParams(p string) []string {
	var out []string
	for _, part := range strings.Split(p, "/") {
		if strings.HasPrefix(part, ":") {
			out = append(out, part[1:])
		}
	}
	return out
}
