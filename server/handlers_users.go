package server

import (
	"net/http"

	"github.com/gofiber/fiber/v3"

	"github.com/formworkhq/formwork/internal/auth"
)

func (s *Server) listUsers(c fiber.Ctx) error {
	pg, err := pageParams(c)
	if err != nil {
		return err
	}

	users, more, err := s.deps.Accounts.ListUsers(c.Context(), principalOf(c), pg)
	if err != nil {
		return err
	}

	out := UserList{Items: make([]UserView, 0, len(users))}
	for i := range users {
		out.Items = append(out.Items, userView(&users[i]))
	}
	if more {
		out.NextCursor = encodeCursor(users[len(users)-1].ID)
	}
	return c.JSON(out)
}

func (s *Server) createUser(c fiber.Ctx) error {
	var in auth.UserInput
	if err := decodeJSON(c, &in); err != nil {
		return err
	}

	u, err := s.deps.Accounts.CreateUser(c.Context(), principalOf(c), in)
	if err != nil {
		return err
	}
	return c.Status(http.StatusCreated).JSON(userView(u))
}

func (s *Server) getUser(c fiber.Ctx) error {
	u, err := s.deps.Accounts.GetUser(c.Context(), principalOf(c), c.Params("id"))
	if err != nil {
		return err
	}
	return c.JSON(userView(u))
}

func (s *Server) updateUser(c fiber.Ctx) error {
	var in auth.UserPatch
	if err := decodeJSON(c, &in); err != nil {
		return err
	}

	u, err := s.deps.Accounts.UpdateUser(c.Context(), principalOf(c), c.Params("id"), in)
	if err != nil {
		return err
	}
	return c.JSON(userView(u))
}

func (s *Server) listTokens(c fiber.Ctx) error {
	toks, err := s.deps.Accounts.ListTokens(c.Context(), principalOf(c))
	if err != nil {
		return err
	}

	out := TokenList{Items: make([]TokenView, 0, len(toks))}
	for i := range toks {
		out.Items = append(out.Items, tokenView(&toks[i]))
	}
	return c.JSON(out)
}

func (s *Server) createToken(c fiber.Ctx) error {
	var in auth.TokenInput
	if err := decodeJSON(c, &in); err != nil {
		return err
	}

	issued, err := s.deps.Accounts.CreateToken(c.Context(), principalOf(c), in)
	if err != nil {
		return err
	}
	v := tokenView(issued.Token)
	v.Token = issued.Secret
	return c.Status(http.StatusCreated).JSON(v)
}

func (s *Server) revokeToken(c fiber.Ctx) error {
	if err := s.deps.Accounts.RevokeToken(c.Context(), principalOf(c), c.Params("id")); err != nil {
		return err
	}
	return c.SendStatus(http.StatusNoContent)
}
