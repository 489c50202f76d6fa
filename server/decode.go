package server

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"mime"
	"reflect"
	"strconv"
	"strings"
	"time"

	"github.com/gofiber/fiber/v3"

	"github.com/formworkhq/formwork/internal/i18n"
	"github.com/formworkhq/formwork/internal/problem"
)

// decodeJSON reads the request body into v strictly: the body must be JSON,
// every key must be a known field of the right type, and no key anywhere may
// start with "$" or contain "." (they could reach a MongoDB query as an
// operator or a path) — except inside json.RawMessage fields, which are
// opaque documents the domain validates and stores as text. Every offending
// field is reported at once, and nothing is decoded unless the whole body is
// acceptable.
func decodeJSON(c fiber.Ctx, v any) error {
	if err := checkJSONContentType(c); err != nil {
		return err
	}
	body := c.Body()
	if len(bytes.TrimSpace(body)) == 0 {
		return problem.New(problem.BadRequest, "request.empty_body", nil)
	}
	return decodeBytes(body, v)
}

func checkJSONContentType(c fiber.Ctx) error {
	mt, _, err := mime.ParseMediaType(c.Get(fiber.HeaderContentType))
	if err != nil || (mt != "application/json" && !strings.HasSuffix(mt, "+json")) {
		return problem.New(problem.MediaType, "request.json_required", nil)
	}
	return nil
}

// decodeBytes is decodeJSON without the HTTP parts; fuzzed directly.
func decodeBytes(body []byte, v any) error {
	var raw any
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	if err := dec.Decode(&raw); err != nil {
		return malformed(err)
	}
	if dec.More() {
		return malformed(errors.New("unexpected data after the JSON value"))
	}

	var c problem.Collector
	checkValue(&c, "", raw, reflect.TypeOf(v).Elem())
	if err := c.Err(); err != nil {
		return err
	}
	if err := json.Unmarshal(body, v); err != nil {
		return malformed(err)
	}
	return nil
}

func malformed(err error) error {
	reason := strings.TrimPrefix(err.Error(), "json: ")
	var se *json.SyntaxError
	if errors.As(err, &se) {
		reason = fmt.Sprintf("%s (at byte %d)", reason, se.Offset)
	}
	return problem.New(problem.BadRequest, "request.malformed_json", i18n.Params{"reason": reason})
}

var (
	timeType = reflect.TypeOf(time.Time{})
	rawType  = reflect.TypeOf(json.RawMessage(nil))
)

// checkValue walks a decoded JSON value alongside the Go type it must fill.
func checkValue(c *problem.Collector, ptr string, val any, t reflect.Type) {
	for t.Kind() == reflect.Pointer {
		if val == nil {
			return
		}
		t = t.Elem()
	}
	if val == nil {
		return // null leaves the zero value, as encoding/json does
	}
	switch {
	case t == rawType:
		// An opaque document (a JSON Schema, a process graph): the domain
		// validates it and stores it as text, so its keys ("$ref", "$defs")
		// never reach a query.
		return
	case t == timeType:
		checkTime(c, ptr, val)
	case t.Kind() == reflect.Struct:
		checkObject(c, ptr, val, t)
	case t.Kind() == reflect.Map:
		checkMap(c, ptr, val, t)
	case t.Kind() == reflect.Slice:
		checkArray(c, ptr, val, t)
	case t.Kind() == reflect.Interface:
		checkKeys(c, ptr, val)
	default:
		checkScalar(c, ptr, val, t)
	}
}

func checkObject(c *problem.Collector, ptr string, val any, t reflect.Type) {
	obj, ok := val.(map[string]any)
	if !ok {
		wrongType(c, ptr, "object", val)
		return
	}
	fields := jsonFields(t)
	for _, k := range sortedKeys(obj) {
		p := ptr + "/" + escapePointer(k)
		if badKey(k) {
			c.Add(p, "invalid_key", nil)
			continue
		}
		ft, known := fields[k]
		if !known {
			c.Add(p, "unknown", nil)
			continue
		}
		checkValue(c, p, obj[k], ft)
	}
}

func checkMap(c *problem.Collector, ptr string, val any, t reflect.Type) {
	obj, ok := val.(map[string]any)
	if !ok {
		wrongType(c, ptr, "object", val)
		return
	}
	for _, k := range sortedKeys(obj) {
		p := ptr + "/" + escapePointer(k)
		if badKey(k) {
			c.Add(p, "invalid_key", nil)
			continue
		}
		checkValue(c, p, obj[k], t.Elem())
	}
}

func checkArray(c *problem.Collector, ptr string, val any, t reflect.Type) {
	arr, ok := val.([]any)
	if !ok {
		wrongType(c, ptr, "array", val)
		return
	}
	for i, item := range arr {
		checkValue(c, ptr+"/"+strconv.Itoa(i), item, t.Elem())
	}
}

// checkKeys refuses operator-like keys anywhere inside free-form JSON.
func checkKeys(c *problem.Collector, ptr string, val any) {
	switch v := val.(type) {
	case map[string]any:
		for _, k := range sortedKeys(v) {
			p := ptr + "/" + escapePointer(k)
			if badKey(k) {
				c.Add(p, "invalid_key", nil)
				continue
			}
			checkKeys(c, p, v[k])
		}
	case []any:
		for i, item := range v {
			checkKeys(c, ptr+"/"+strconv.Itoa(i), item)
		}
	}
}

func checkTime(c *problem.Collector, ptr string, val any) {
	s, ok := val.(string)
	if !ok {
		wrongType(c, ptr, "date-time", val)
		return
	}
	if _, err := time.Parse(time.RFC3339Nano, s); err != nil {
		wrongType(c, ptr, "date-time", val)
	}
}

func checkScalar(c *problem.Collector, ptr string, val any, t reflect.Type) {
	switch t.Kind() {
	case reflect.String:
		if _, ok := val.(string); !ok {
			wrongType(c, ptr, "string", val)
		}
	case reflect.Bool:
		if _, ok := val.(bool); !ok {
			wrongType(c, ptr, "boolean", val)
		}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		n, ok := val.(json.Number)
		if _, err := strconv.ParseInt(string(n), 10, 64); !ok || err != nil {
			wrongType(c, ptr, "integer", val)
		}
	case reflect.Float32, reflect.Float64:
		if _, ok := val.(json.Number); !ok {
			wrongType(c, ptr, "number", val)
		}
	}
}

func wrongType(c *problem.Collector, ptr, expected string, val any) {
	c.Add(ptr, "wrong_type", i18n.Params{"expected": expected, "got": jsonKind(val)})
}

func jsonKind(v any) string {
	switch v.(type) {
	case map[string]any:
		return "object"
	case []any:
		return "array"
	case string:
		return "string"
	case json.Number:
		return "number"
	case bool:
		return "boolean"
	}
	return "null"
}

func badKey(k string) bool { return strings.HasPrefix(k, "$") || strings.Contains(k, ".") }

// escapePointer escapes a key for use in a JSON pointer (RFC 6901).
func escapePointer(k string) string {
	return strings.ReplaceAll(strings.ReplaceAll(k, "~", "~0"), "/", "~1")
}
