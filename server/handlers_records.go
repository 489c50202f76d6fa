package server

import (
	"net/http"
	"strings"
	"time"

	"github.com/gofiber/fiber/v3"

	"github.com/formworkhq/formwork/internal/i18n"
	"github.com/formworkhq/formwork/internal/problem"
	"github.com/formworkhq/formwork/runtime/record"
)

// RecordPatch changes some fields of a record's data.
type RecordPatch struct {
	// Data holds the fields to change; null removes a field.
	Data map[string]any `json:"data"`
	// Version is the version the change was made against (or If-Match).
	Version int64 `json:"version,omitempty"`
}

// AssignInput hands a record to another owner.
type AssignInput struct {
	OwnerID string `json:"owner_id"`
}

func (s *Server) recordRoutes() []route {
	return []route{
		{method: http.MethodPost, path: "/api/v1/records", op: "submitRecord", tag: "records",
			summary:    "Submit a record against its form's latest published version",
			idempotent: true, in: record.SubmitInput{}, out: record.Record{},
			status: http.StatusCreated, handler: s.submitRecord},
		{method: http.MethodGet, path: "/api/v1/records", op: "listRecords", tag: "records",
			summary: "Records, filtered (form, owner_id, stage, created_from/to, " +
				"silent_since, ids=a,b), searched (q: company, contact_name, customer, " +
				"customer_id or mobile contains it, any case) and sorted (sort=-created_at …)",
			out: record.Page{}, status: http.StatusOK, handler: s.listRecords},
		{method: http.MethodGet, path: "/api/v1/records/:id", op: "getRecord", tag: "records",
			summary: "One record (logged as viewed)", object: "record", out: record.Record{},
			status: http.StatusOK, handler: s.getRecord},
		{method: http.MethodPatch, path: "/api/v1/records/:id", op: "updateRecord",
			tag: "records", summary: "Change fields (If-Match: its version)", object: "record",
			in: RecordPatch{}, out: record.Record{}, status: http.StatusOK,
			handler: s.updateRecord},
		{method: http.MethodDelete, path: "/api/v1/records/:id", op: "deleteRecord",
			tag: "records", summary: "Delete a record", object: "record",
			status: http.StatusNoContent, handler: s.deleteRecord},
		{method: http.MethodPost, path: "/api/v1/records/:id/assign", op: "assignRecord",
			tag: "records", summary: "Hand a record to another owner", object: "record",
			in: AssignInput{}, out: record.Record{}, status: http.StatusOK,
			handler: s.assignRecord},
		{method: http.MethodPost, path: "/api/v1/records/:id/activities", op: "logActivity",
			tag: "records", summary: "Log an activity (call, visit, external event …)",
			object: "record", in: record.ActivityInput{}, out: record.Activity{},
			status: http.StatusCreated, handler: s.logActivity},
		{method: http.MethodGet, path: "/api/v1/records/:id/journey", op: "recordJourney",
			tag: "records", summary: "The record's timeline", object: "record",
			out: record.Journey{}, status: http.StatusOK, handler: s.recordJourney},
		{method: http.MethodGet, path: "/api/v1/records/:id/customer-journey",
			op: "customerJourney", tag: "records",
			summary: "A customer's timeline across the records linked to it", object: "record",
			out: record.Journey{}, status: http.StatusOK, handler: s.customerJourney},
	}
}

func (s *Server) submitRecord(c fiber.Ctx) error {
	var in record.SubmitInput
	if err := decodeJSON(c, &in); err != nil {
		return err
	}
	r, err := s.deps.Records.Submit(c.Context(), principalOf(c), in)
	if err != nil {
		return err
	}
	return c.Status(http.StatusCreated).JSON(r)
}

func (s *Server) listRecords(c fiber.Ctx) error {
	q, err := recordQuery(c)
	if err != nil {
		return err
	}
	page, err := s.deps.Records.List(c.Context(), principalOf(c), q)
	if err != nil {
		return err
	}
	return c.JSON(page)
}

// recordQuery reads a record list's query parameters; owner_id=me is the
// caller.
func recordQuery(c fiber.Ctx) (record.Query, error) {
	q := record.Query{Form: c.Query("form"), OwnerID: c.Query("owner_id"),
		Stage: c.Query("stage"), Sort: c.Query("sort"), Cursor: c.Query("cursor"),
		Search: c.Query("q"), Limit: fiber.Query[int](c, "limit", 0)}
	if v := c.Query("ids"); v != "" {
		q.IDs = strings.Split(v, ",")
	}
	if q.OwnerID == "me" {
		q.OwnerID = principalOf(c).UserID
	}
	for name, dst := range map[string]*time.Time{"created_from": &q.CreatedFrom,
		"created_to": &q.CreatedTo, "silent_since": &q.SilentSince} {
		v := c.Query(name)
		if v == "" {
			continue
		}
		t, err := time.Parse(time.RFC3339, v)
		if err != nil {
			return q, problem.New(problem.BadRequest, "request.invalid_query",
				i18n.Params{"name": name})
		}
		*dst = t
	}
	return q, nil
}

func (s *Server) getRecord(c fiber.Ctx) error {
	r, err := s.deps.Records.Open(c.Context(), principalOf(c), c.Params("id"))
	if err != nil {
		return err
	}
	return c.JSON(r)
}

func (s *Server) updateRecord(c fiber.Ctx) error {
	if _, err := s.deps.Records.Get(c.Context(), principalOf(c), c.Params("id")); err != nil {
		return err
	}
	var in RecordPatch
	if err := decodeJSON(c, &in); err != nil {
		return err
	}
	version, err := revisionOf(c, in.Version)
	if err != nil {
		return err
	}
	r, err := s.deps.Records.Update(c.Context(), principalOf(c), c.Params("id"), version,
		in.Data)
	if err != nil {
		return err
	}
	return c.JSON(r)
}

func (s *Server) deleteRecord(c fiber.Ctx) error {
	if err := s.deps.Records.Delete(c.Context(), principalOf(c), c.Params("id")); err != nil {
		return err
	}
	return c.SendStatus(http.StatusNoContent)
}

func (s *Server) assignRecord(c fiber.Ctx) error {
	if _, err := s.deps.Records.Get(c.Context(), principalOf(c), c.Params("id")); err != nil {
		return err
	}
	var in AssignInput
	if err := decodeJSON(c, &in); err != nil {
		return err
	}
	r, err := s.deps.Records.Assign(c.Context(), principalOf(c), c.Params("id"), in.OwnerID)
	if err != nil {
		return err
	}
	return c.JSON(r)
}

func (s *Server) logActivity(c fiber.Ctx) error {
	if _, err := s.deps.Records.Get(c.Context(), principalOf(c), c.Params("id")); err != nil {
		return err
	}
	var in record.ActivityInput
	if err := decodeJSON(c, &in); err != nil {
		return err
	}
	a, err := s.deps.Records.Log(c.Context(), principalOf(c), c.Params("id"), in)
	if err != nil {
		return err
	}
	return c.Status(http.StatusCreated).JSON(a)
}

func (s *Server) recordJourney(c fiber.Ctx) error {
	j, err := s.deps.Records.Journey(c.Context(), principalOf(c), c.Params("id"))
	if err != nil {
		return err
	}
	return c.JSON(j)
}

func (s *Server) customerJourney(c fiber.Ctx) error {
	j, err := s.deps.Records.CustomerJourney(c.Context(), principalOf(c), c.Params("id"))
	if err != nil {
		return err
	}
	return c.JSON(j)
}
