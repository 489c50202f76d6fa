package server

import (
	"github.com/gofiber/fiber/v3"

	"github.com/formworkhq/formwork/designer/form"
)

// FieldKindList is the form designer's palette.
type FieldKindList struct {
	Items []form.KindInfo `json:"items"`
}

func (s *Server) listFieldKinds(c fiber.Ctx) error {
	return c.JSON(FieldKindList{Items: form.Kinds()})
}
