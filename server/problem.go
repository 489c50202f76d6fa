package server

import (
	"errors"
	"math"
	"net/http"
	"strconv"
	"time"

	"github.com/gofiber/fiber/v3"
	"github.com/gofiber/fiber/v3/middleware/requestid"

	"github.com/formworkhq/formwork/internal/i18n"
	"github.com/formworkhq/formwork/internal/mongo"
	"github.com/formworkhq/formwork/internal/problem"
	"github.com/formworkhq/formwork/internal/queue"
)

// problemTypeBase prefixes every problem type; the suffix is stable.
const problemTypeBase = "urn:formwork:problem:"

// ProblemDoc is an RFC 9457 problem document.
type ProblemDoc struct {
	// Type identifies the kind of problem; stable across releases.
	Type string `json:"type"`
	// Title is a short summary of the kind, in the caller's language.
	Title string `json:"title"`
	// Status is the HTTP status code.
	Status int `json:"status"`
	// Detail explains this occurrence, in the caller's language.
	Detail string `json:"detail"`
	// Instance is the request path.
	Instance string `json:"instance,omitempty"`
	// Code is the stable code of this occurrence, e.g. "user.not_found".
	Code string `json:"code"`
	// RequestID lets support find the request in the logs.
	RequestID string `json:"request_id,omitempty"`
	// Errors lists every offending field, all at once.
	Errors []FieldProblem `json:"errors,omitempty"`
}

// FieldProblem is one offending input field.
type FieldProblem struct {
	// Pointer is a JSON pointer into the request body, e.g. "/email".
	Pointer string `json:"pointer"`
	// Node is the id of the process node a finding is about, if any.
	Node string `json:"node,omitempty"`
	// Edge is the id of the process edge a finding is about, if any.
	Edge string `json:"edge,omitempty"`
	// Code is the stable code, e.g. "required".
	Code string `json:"code"`
	// Message says what is wrong, in the caller's language.
	Message string `json:"message"`
}

// kinds maps each kind of refusal to its status and problem type: the one
// place where domain errors meet HTTP.
var kinds = map[problem.Kind]struct {
	status int
	name   string
}{
	problem.Internal:     {http.StatusInternalServerError, "internal"},
	problem.BadRequest:   {http.StatusBadRequest, "bad_request"},
	problem.Invalid:      {http.StatusUnprocessableEntity, "validation"},
	problem.Unauthorized: {http.StatusUnauthorized, "unauthorized"},
	problem.Forbidden:    {http.StatusForbidden, "forbidden"},
	problem.NotFound:     {http.StatusNotFound, "not_found"},
	problem.Conflict:     {http.StatusConflict, "conflict"},
	problem.TooLarge:     {http.StatusRequestEntityTooLarge, "too_large"},
	problem.MediaType:    {http.StatusUnsupportedMediaType, "unsupported_media_type"},
	problem.RateLimited:  {http.StatusTooManyRequests, "rate_limited"},
	problem.Unavailable:  {http.StatusServiceUnavailable, "unavailable"},
}

// errorHandler renders every error a handler returns as a problem document.
func (s *Server) errorHandler(c fiber.Ctx, err error) error {
	pe := s.toProblem(c, err)
	if pe.Kind == problem.Internal {
		s.log.ErrorContext(c.Context(), "request failed", "request_id", requestid.FromContext(c),
			"method", c.Method(), "path", c.Path(), "err", err)
	}
	return writeProblem(c, pe)
}

func (s *Server) toProblem(c fiber.Ctx, err error) *problem.Error {
	if pe, ok := problem.As(err); ok {
		return pe
	}
	var fe *fiber.Error
	if errors.As(err, &fe) {
		if fe.Code == fiber.StatusRequestEntityTooLarge && s.isUpload(c) {
			return problem.Wrap(s.deps.Attachments.TooLarge())
		}
		return fromFiber(c, fe, s.opts.BodyLimit)
	}
	if errors.Is(err, mongo.ErrUnavailable) {
		return unavailable("MongoDB", err)
	}
	if errors.Is(err, queue.ErrUnavailable) {
		return unavailable("Redis", err)
	}
	return problem.Wrap(err)
}

func unavailable(store string, err error) *problem.Error {
	e := problem.New(problem.Unavailable, "store.unavailable", i18n.Params{"store": store})
	e.RetryAfter = 5 * time.Second
	e.Err = err
	return e
}

func fromFiber(c fiber.Ctx, fe *fiber.Error, limit int) *problem.Error {
	switch fe.Code {
	case fiber.StatusNotFound:
		return problem.New(problem.NotFound, "route.not_found", i18n.Params{"path": c.Path()})
	case fiber.StatusMethodNotAllowed:
		e := problem.New(problem.BadRequest, "route.method_not_allowed",
			i18n.Params{"path": c.Path(), "method": c.Method()})
		return e
	case fiber.StatusRequestEntityTooLarge:
		return problem.New(problem.TooLarge, "request.body_too_large", i18n.Params{"limit": limit})
	case fiber.StatusUnsupportedMediaType:
		return problem.New(problem.MediaType, "request.json_required", nil)
	case fiber.StatusTooManyRequests:
		return problem.New(problem.RateLimited, "auth.rate_limited", i18n.Params{"seconds": 60})
	}
	if fe.Code >= 400 && fe.Code < 500 {
		return problem.New(problem.BadRequest, "request.malformed_json",
			i18n.Params{"reason": fe.Message})
	}
	return problem.Wrap(fe)
}

func writeProblem(c fiber.Ctx, pe *problem.Error) error {
	loc := localeOf(c)
	k := kinds[pe.Kind]
	status := k.status
	if pe.Code == "route.method_not_allowed" {
		status = http.StatusMethodNotAllowed
	}
	doc := ProblemDoc{
		Type:      problemTypeBase + k.name,
		Title:     i18n.T(loc, "problem."+k.name, nil),
		Status:    status,
		Detail:    i18n.T(loc, pe.Code, pe.Params),
		Instance:  c.Path(),
		Code:      pe.Code,
		RequestID: requestid.FromContext(c),
	}
	for _, f := range pe.Fields {
		doc.Errors = append(doc.Errors, FieldProblem{Pointer: f.Pointer, Node: f.Node,
			Edge: f.Edge, Code: f.Code, Message: f.Message(loc)})
	}
	if pe.RetryAfter > 0 {
		c.Set(fiber.HeaderRetryAfter, strconv.Itoa(int(math.Ceil(pe.RetryAfter.Seconds()))))
	}
	c.Set(fiber.HeaderContentLanguage, string(loc))
	return c.Status(status).JSON(doc, "application/problem+json")
}
