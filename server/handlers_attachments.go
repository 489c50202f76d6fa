package server

import (
	"bytes"
	"fmt"
	"net/http"
	"strings"

	"github.com/gofiber/fiber/v3"

	"github.com/formworkhq/formwork/runtime/attachment"
)

// uploadPath takes file uploads, whose bodies may be larger than
// Options.BodyLimit.
const uploadPath = "/api/v1/attachments"

// uploadSlack is what a multipart body carries besides the file: the
// boundaries, part headers and the purpose and signer parts.
const uploadSlack = 64 << 10

// attachmentRoutes declares uploads and downloads of files. Any member of
// the tenant may upload, and read any file of the tenant by its id; which
// files a record may name is checked when the record is validated.
func (s *Server) attachmentRoutes() []route {
	if s.deps.Attachments == nil {
		return nil
	}
	return []route{
		{method: http.MethodPost, path: uploadPath, op: "uploadAttachment",
			tag: "attachments", summary: "Upload one file (multipart: file, and purpose=" +
				"signature with signer for a drawn signature); its type comes from its content",
			out: attachment.Attachment{}, status: http.StatusCreated,
			handler: s.uploadAttachment},
		{method: http.MethodGet, path: uploadPath + "/:id", op: "downloadAttachment",
			tag: "attachments", summary: "Download a file (always as an attachment)",
			object: "attachment", status: http.StatusOK, handler: s.downloadAttachment},
		{method: http.MethodGet, path: uploadPath + "/:id/meta", op: "getAttachmentMeta",
			tag: "attachments", summary: "A file's name, size, SHA-256, type, uploader " +
				"and, for a signature, signer and time", object: "attachment",
			out: attachment.Attachment{}, status: http.StatusOK, handler: s.attachmentMeta},
	}
}

func (s *Server) uploadAttachment(c fiber.Ctx) error {
	att := s.deps.Attachments
	if n := c.Request().Header.ContentLength(); int64(n) > att.MaxBytes()+uploadSlack {
		return att.TooLarge()
	}
	up, err := attachment.ReadUpload(c.Get(fiber.HeaderContentType),
		bytes.NewReader(c.Request().Body()), att.MaxBytes())
	if err != nil {
		return err
	}

	a, err := att.Create(c.Context(), principalOf(c), up)
	if err != nil {
		return err
	}
	c.Location(uploadPath + "/" + a.ID)
	return c.Status(http.StatusCreated).JSON(a)
}

func (s *Server) downloadAttachment(c fiber.Ctx) error {
	a, rd, err := s.deps.Attachments.Open(c.Context(), principalOf(c), c.Params("id"))
	if err != nil {
		return err
	}

	etag := `"` + a.SHA256 + `"`
	c.Set(fiber.HeaderETag, etag)
	c.Set(fiber.HeaderCacheControl, "private, max-age=86400")
	c.Set(fiber.HeaderXContentTypeOptions, "nosniff")
	c.Set(fiber.HeaderContentSecurityPolicy, "default-src 'none'; sandbox")
	c.Set(fiber.HeaderContentDisposition, contentDisposition(a.Name))
	if c.Get(fiber.HeaderIfNoneMatch) == etag {
		return c.SendStatus(http.StatusNotModified)
	}

	c.Set(fiber.HeaderContentType, a.ContentType)
	return c.SendStream(rd, int(a.Size))
}

func (s *Server) attachmentMeta(c fiber.Ctx) error {
	a, err := s.deps.Attachments.Meta(c.Context(), principalOf(c), c.Params("id"))
	if err != nil {
		return err
	}
	return c.JSON(a)
}

// contentDisposition makes a file download under its name: an ASCII
// fallback for old clients and the UTF-8 name (RFC 6266, RFC 8187).
// Names are cleaned on upload, so they hold no quote, slash or control
// character.
func contentDisposition(name string) string {
	ascii := strings.Map(func(r rune) rune {
		if r < 0x20 || r > 0x7e || r == '"' || r == '\\' {
			return '_'
		}
		return r
	}, name)
	return `attachment; filename="` + ascii + `"; filename*=UTF-8''` + extValue(name)
}

// extValue percent-encodes every byte of s that is not an attr-char of
// RFC 8187.
func extValue(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' ||
			strings.IndexByte("!#$&+-.^_`|~", c) >= 0 {
			b.WriteByte(c)
			continue
		}
		fmt.Fprintf(&b, "%%%02X", c)
	}
	return b.String()
}

// appBodyLimit is the largest body the HTTP stack reads: Options.BodyLimit,
// or more when uploads take larger files. limitBody holds every other
// route to Options.BodyLimit.
func (s *Server) appBodyLimit() int {
	if s.deps.Attachments == nil {
		return s.opts.BodyLimit
	}
	return max(s.opts.BodyLimit, int(s.deps.Attachments.MaxBytes()+uploadSlack))
}

// isUpload reports whether the request is a file upload.
func (s *Server) isUpload(c fiber.Ctx) bool {
	return s.deps.Attachments != nil && c.Method() == http.MethodPost &&
		strings.TrimSuffix(c.Path(), "/") == uploadPath
}

// limitBody refuses a body over Options.BodyLimit on every route but the
// upload, which checks its own limit.
func (s *Server) limitBody(c fiber.Ctx) error {
	if len(c.Request().Body()) > s.opts.BodyLimit && !s.isUpload(c) {
		return fiber.ErrRequestEntityTooLarge
	}
	return c.Next()
}
