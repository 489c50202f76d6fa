package datahub

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"io"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"

	"github.com/formworkhq/formwork/internal/i18n"
	"github.com/formworkhq/formwork/internal/problem"
)

// The encodings a CSV file may be in. GBK files are read with GB18030,
// which is a superset of GBK and GB2312.
const (
	EncodingUTF8    = "utf-8"
	EncodingGBK     = "gbk"
	EncodingUTF16LE = "utf-16le"
	EncodingUTF16BE = "utf-16be"
)

// sniffLen is how much of a file encoding and delimiter detection read.
const sniffLen = 64 << 10

var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

// ParseEncoding reads an encoding's name as a person may write it ("GBK",
// "gb2312", "UTF8"); empty means detect it.
func ParseEncoding(name string) (string, error) {
	switch strings.ToLower(strings.ReplaceAll(strings.TrimSpace(name), "_", "-")) {
	case "", "auto":
		return "", nil
	case "utf-8", "utf8":
		return EncodingUTF8, nil
	case "gbk", "gb2312", "gb18030", "cp936":
		return EncodingGBK, nil
	case "utf-16le", "utf-16":
		return EncodingUTF16LE, nil
	case "utf-16be":
		return EncodingUTF16BE, nil
	}
	return "", problem.New(problem.Invalid, "import.unknown_encoding",
		i18n.Params{"encoding": name})
}

// detectEncoding names the encoding of a text file from its first bytes: a
// byte-order mark wins; then valid UTF-8; then GBK when the bytes decode as
// GB18030 without a replacement. Anything else (binary data, another
// encoding) is refused.
func detectEncoding(head []byte) (string, error) {
	switch {
	case bytes.HasPrefix(head, utf8BOM):
		return EncodingUTF8, nil
	case bytes.HasPrefix(head, []byte{0xFF, 0xFE}):
		return EncodingUTF16LE, nil
	case bytes.HasPrefix(head, []byte{0xFE, 0xFF}):
		return EncodingUTF16BE, nil
	case bytes.IndexByte(head, 0) >= 0:
		return "", problem.New(problem.Invalid, "import.not_text", nil)
	}

	cut := completeRunes(head)
	if utf8.Valid(cut) {
		return EncodingUTF8, nil
	}
	if decodesAsGBK(head) {
		return EncodingGBK, nil
	}
	return "", problem.New(problem.Invalid, "import.undetected_encoding", nil)
}

// completeRunes drops an incomplete UTF-8 sequence at the end of b, where
// a sniffing window may cut one.
func completeRunes(b []byte) []byte {
	for i := 0; i < utf8.UTFMax && i < len(b); i++ {
		r, size := utf8.DecodeLastRune(b[:len(b)-i])
		if r != utf8.RuneError || size > 1 {
			return b[:len(b)-i]
		}
	}
	return b
}

// decodesAsGBK reports whether b is GB18030 text. A two-byte character cut
// by the window's end is forgiven.
func decodesAsGBK(b []byte) bool {
	for _, cut := range []int{0, 1} {
		if len(b) <= cut {
			break
		}
		out, err := simplifiedchinese.GB18030.NewDecoder().Bytes(b[:len(b)-cut])
		if err == nil && !bytes.ContainsRune(out, utf8.RuneError) {
			return true
		}
	}
	return false
}

func decoderOf(enc string) encoding.Encoding {
	switch enc {
	case EncodingGBK:
		return simplifiedchinese.GB18030
	case EncodingUTF16LE:
		return unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM)
	case EncodingUTF16BE:
		return unicode.UTF16(unicode.BigEndian, unicode.ExpectBOM)
	}
	return nil
}

// csvReader reads a CSV file row by row in constant memory.
type csvReader struct {
	c        io.Closer
	r        *csv.Reader
	row      int
	strict   bool // UTF-8: a row with invalid bytes is refused
	encoding string
	// skipped is the byte-order mark dropped before the text; raw and
	// decoded count the bytes in and out of a decoder (nil without one).
	skipped      int64
	raw, decoded *countingReader
}

// newCSVReader reads rc as CSV in enc; empty enc means detect it. The
// delimiter (comma, semicolon or tab) is the one the header uses most.
func newCSVReader(rc io.ReadCloser, enc string) (*csvReader, error) {
	br := bufio.NewReaderSize(rc, sniffLen)
	head, err := br.Peek(sniffLen)
	if err != nil && !errors.Is(err, io.EOF) && !errors.Is(err, bufio.ErrBufferFull) {
		return nil, err
	}
	if enc == "" {
		if enc, err = detectEncoding(head); err != nil {
			return nil, err
		}
	}

	c := &csvReader{c: rc, strict: enc == EncodingUTF8, encoding: enc}
	var text io.Reader = br
	if bytes.HasPrefix(head, utf8BOM) && enc == EncodingUTF8 {
		_, _ = br.Discard(len(utf8BOM))
		c.skipped = int64(len(utf8BOM))
	}
	if d := decoderOf(enc); d != nil {
		c.raw = &countingReader{r: br}
		c.decoded = &countingReader{r: transform.NewReader(c.raw, d.NewDecoder())}
		text = c.decoded
	}
	tr := bufio.NewReaderSize(text, sniffLen)

	c.r = csv.NewReader(tr)
	c.r.Comma = delimiter(tr)
	c.r.FieldsPerRecord = -1
	c.r.LazyQuotes = true
	c.r.ReuseRecord = true
	return c, nil
}

// countingReader counts the bytes read through it.
type countingReader struct {
	r io.Reader
	n int64
}

// Read implements io.Reader.
func (c *countingReader) Read(b []byte) (int, error) {
	n, err := c.r.Read(b)
	c.n += int64(n)
	return n, err
}

// consumed estimates how many bytes of the file the rows read so far
// took: exact for UTF-8, and for a file that is decoded the text read
// scaled by the file's bytes per byte of text so far.
func (c *csvReader) consumed() int64 {
	text := c.r.InputOffset()
	if c.decoded == nil || c.decoded.n == 0 {
		return c.skipped + text
	}
	return text * c.raw.n / c.decoded.n
}

// delimiter guesses the delimiter from the first line of the text.
func delimiter(br *bufio.Reader) rune {
	head, _ := br.Peek(sniffLen)
	if i := bytes.IndexByte(head, '\n'); i >= 0 {
		head = head[:i]
	}
	best, count := ',', bytes.Count(head, []byte{','})
	for _, d := range []rune{';', '\t'} {
		if n := bytes.Count(head, []byte(string(d))); n > count {
			best, count = d, n
		}
	}
	return best
}

// Next returns the next row's cells; the slice is reused by the next call.
func (c *csvReader) Next() ([]string, error) {
	rec, err := c.r.Read()
	if errors.Is(err, io.EOF) {
		return nil, io.EOF
	}
	c.row++
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return nil, &rowError{code: "malformed_csv"}
	}
	if err != nil {
		return nil, err
	}

	for _, cell := range rec {
		if c.strict && !utf8.ValidString(cell) {
			return nil, &rowError{code: "invalid_encoding"}
		}
		if len(cell) > maxCellLen*utf8.UTFMax || utf8.RuneCountInString(cell) > maxCellLen {
			return nil, &rowError{code: "cell_too_long", params: i18n.Params{"max": maxCellLen}}
		}
	}
	return rec, nil
}

// Row is the number of the record Next returned last.
func (c *csvReader) Row() int { return c.row }

// Close closes the file.
func (c *csvReader) Close() error { return c.c.Close() }
