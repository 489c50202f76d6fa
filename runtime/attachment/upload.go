package attachment

import (
	"errors"
	"io"
	"mime"
	"mime/multipart"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/formworkhq/formwork/internal/i18n"
	"github.com/formworkhq/formwork/internal/problem"
)

// Limits of an upload body besides the file.
const (
	maxParts      = 8    // parts of one body, file included
	maxFieldBytes = 1024 // a text part
	maxSignerLen  = 100  // characters of a signer's name
)

// Upload is one file as a client sent it: the part "file" of a
// multipart/form-data body, with the optional text parts "purpose"
// (attachment or signature) and "signer" (who drew a signature).
type Upload struct {
	// Name is the cleaned file name (CleanName).
	Name string
	// Data is the content.
	Data []byte
	// Purpose is attachment (the default) or signature.
	Purpose Purpose
	// Signer is who drew a signature, at most 100 characters.
	Signer string
}

// ReadUpload parses a multipart/form-data body whose Content-Type header is
// contentType. It takes exactly one file, in the part "file", of at most
// maxBytes; other unknown text parts are ignored. Every refusal is a
// *problem.Error: a body that is not multipart (MediaType), an unreadable
// one (BadRequest), a file over maxBytes (TooLarge), and a missing, empty
// or second file or a bad purpose or signer (Invalid, by field).
func ReadUpload(contentType string, body io.Reader, maxBytes int64) (*Upload, error) {
	mt, params, err := mime.ParseMediaType(contentType)
	if err != nil || mt != "multipart/form-data" || params["boundary"] == "" {
		return nil, problem.New(problem.MediaType, "attachment.multipart_required", nil)
	}

	up := &Upload{Purpose: PurposeAttachment}
	seenFile := false
	mr := multipart.NewReader(body, params["boundary"])
	for n := 0; ; n++ {
		part, err := mr.NextPart()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil || n >= maxParts {
			return nil, malformed(err)
		}
		if err := up.readPart(part, &seenFile, maxBytes); err != nil {
			return nil, err
		}
	}

	return up, up.check(seenFile)
}

// malformed is the refusal of a body that is not readable multipart.
func malformed(err error) error {
	reason := "too many parts"
	if err != nil {
		reason = err.Error()
	}
	return problem.New(problem.BadRequest, "attachment.malformed",
		i18n.Params{"reason": reason})
}

// readPart takes one part into up.
func (up *Upload) readPart(part *multipart.Part, seenFile *bool, maxBytes int64) error {
	defer part.Close()

	switch part.FormName() {
	case "file":
		if *seenFile {
			return problem.Fields(fieldErr("/file", "one_file", nil))
		}
		*seenFile = true
		up.Name = CleanName(part.FileName())
		data, err := io.ReadAll(io.LimitReader(part, maxBytes+1))
		if err != nil {
			return malformed(err)
		}
		if int64(len(data)) > maxBytes {
			return tooLarge(maxBytes)
		}
		up.Data = data
	case "purpose":
		v, err := readField(part)
		up.Purpose = Purpose(v)
		return err
	case "signer":
		v, err := readField(part)
		up.Signer = strings.TrimSpace(strings.Map(dropControl, v))
		return err
	}
	return nil
}

// readField reads a short text part.
func readField(part *multipart.Part) (string, error) {
	v, err := io.ReadAll(io.LimitReader(part, maxFieldBytes+1))
	if err != nil {
		return "", malformed(err)
	}
	if len(v) > maxFieldBytes {
		return "", malformed(errors.New("a text part is over 1 KiB"))
	}
	return string(v), nil
}

// check refuses an upload without a file, with an empty one, with a
// purpose other than attachment or signature, or with a signature that
// names no signer.
func (up *Upload) check(seenFile bool) error {
	var c problem.Collector
	switch {
	case !seenFile:
		c.AddField(fieldErr("/file", "file_required", nil))
	case len(up.Data) == 0:
		c.AddField(fieldErr("/file", "file_empty", nil))
	}

	switch up.Purpose {
	case PurposeAttachment:
		up.Signer = ""
	case PurposeSignature:
		if up.Signer == "" {
			c.AddField(fieldErr("/signer", "signer_required", nil))
		} else if !utf8.ValidString(up.Signer) || utf8.RuneCountInString(up.Signer) > maxSignerLen {
			c.AddField(fieldErr("/signer", "signer_too_long", i18n.Params{"max": maxSignerLen}))
		}
	default:
		c.AddField(fieldErr("/purpose", "purpose_invalid",
			i18n.Params{"purpose": string(up.Purpose)}))
	}
	return c.Err()
}

// dropControl removes control and format characters from a text part.
func dropControl(r rune) rune {
	if unicode.IsControl(r) || unicode.Is(unicode.Cf, r) {
		return -1
	}
	return r
}

// tooLarge is the refusal of a file over max bytes.
func tooLarge(max int64) error {
	return problem.New(problem.TooLarge, "attachment.too_large",
		i18n.Params{"max": humanSize(max)})
}
