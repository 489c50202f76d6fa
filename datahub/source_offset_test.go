package datahub

import (
	"bytes"
	"io"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"
)

// TestConsumedFollowsTheRowsRead checks the estimate of the file's bytes
// the rows read so far took, against the real offsets, in UTF-8 with a
// byte-order mark, GBK and UTF-16.
func TestConsumedFollowsTheRowsRead(t *testing.T) {
	var text strings.Builder
	text.WriteString("编号,名称\n")
	var ends []int // the text offset after each line
	ends = append(ends, text.Len())
	for i := range 2000 {
		text.WriteString("C-" + strconv.Itoa(i) + ",华为客户" + strconv.Itoa(i) + "\n")
		ends = append(ends, text.Len())
	}
	gbk, _ := simplifiedchinese.GBK.NewEncoder().String(text.String())
	utf16, _ := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder().
		String(text.String())
	tests := []struct {
		name string
		file string
	}{
		{"utf-8 with bom", "\xEF\xBB\xBF" + text.String()},
		{"gbk", gbk},
		{"utf-16le", utf16},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := newCSVReader(io.NopCloser(bytes.NewReader([]byte(tt.file))), "")
			if err != nil {
				t.Fatal(err)
			}
			for range 1001 { // the header and 1,000 rows: half the text
				if _, err := r.Next(); err != nil {
					t.Fatal(err)
				}
			}
			want := float64(ends[1000]) / float64(text.Len())
			got := float64(r.consumed()) / float64(len(tt.file))
			if got < want-0.02 || got > want+0.02 {
				t.Errorf("consumed share = %.3f, want %.3f", got, want)
			}
		})
	}
}
