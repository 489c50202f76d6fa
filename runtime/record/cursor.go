package record

import (
	"encoding/base64"
	"encoding/json"
	"errors"
	"time"

	"github.com/formworkhq/formwork/internal/ids"
)

// cursor is where the next page of a list starts: after the record with
// the sort value At and id ID, under the sort it was made for. Clients see
// it as an opaque string.
type cursor struct {
	Sort string `json:"s"`
	At   int64  `json:"t"` // unix milliseconds
	ID   string `json:"id"`
}

// maxCursorLen bounds what decodeCursor reads.
const maxCursorLen = 256

var errBadCursor = errors.New("malformed cursor")

func encodeCursor(sort string, at time.Time, id string) string {
	b, _ := json.Marshal(cursor{Sort: sort, At: at.UnixMilli(), ID: id}) // cannot fail
	return base64.RawURLEncoding.EncodeToString(b)
}

// decodeCursor reads a cursor made by encodeCursor for sort.
func decodeCursor(s, sort string) (cursor, error) {
	if len(s) > maxCursorLen {
		return cursor{}, errBadCursor
	}
	b, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil {
		return cursor{}, errBadCursor
	}

	var c cursor
	if err := json.Unmarshal(b, &c); err != nil {
		return cursor{}, errBadCursor
	}
	if c.Sort != sort || !ids.Valid(c.ID) || c.At < 0 {
		return cursor{}, errBadCursor
	}

	return c, nil
}

func (c cursor) time() time.Time { return time.UnixMilli(c.At).UTC() }
