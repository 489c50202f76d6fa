package kingdee

import (
	"errors"
	"testing"

	"github.com/formworkhq/formwork/runtime/outbox"
)

// FuzzAnswers feeds arbitrary answers to the parsers of Save and
// ExecuteBillQuery: they never panic, and every failure is classified.
func FuzzAnswers(f *testing.F) {
	f.Add([]byte(`[["C1","x"],["C2",null]]`))
	f.Add([]byte(`[[{"Result":{"ResponseStatus":{"IsSuccess":false,"MsgCode":1}}}]]`))
	f.Add([]byte(`{"Result":{"ResponseStatus":{"IsSuccess":true,"SuccessEntitys":` +
		`[{"Id":1,"Number":"C1"}]},"Id":1,"Number":"C1"}}`))
	f.Add([]byte(`{"Result":{"ResponseStatus":{"IsSuccess":false,"MsgCode":11,` +
		`"Errors":[{"Message":"x"}]},"Id":""}}`))
	f.Fuzz(func(t *testing.T, answer []byte) {
		rows, err := parseRows(answer, []string{"FNumber", "FName"})
		for _, r := range rows {
			if len(r) != 2 {
				t.Fatalf("row %v has not two fields", r)
			}
		}
		checkClassified(t, err)
		_, err = parseSaved(answer)
		checkClassified(t, err)
	})
}

// FuzzCursor: a cursor is a row number or refused permanently.
func FuzzCursor(f *testing.F) {
	for _, s := range []string{"", "0", "2000", "-1", "x", "99999999999999999999"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, cursor string) {
		n, err := startRow(cursor)
		if err != nil && !outbox.IsPermanent(err) {
			t.Fatalf("cursor %q: unclassified %v", cursor, err)
		}
		if n < 0 {
			t.Fatalf("cursor %q: start %d", cursor, n)
		}
	})
}

func checkClassified(t *testing.T, err error) {
	t.Helper()
	var se *outbox.SendError
	if err != nil && !errors.As(err, &se) {
		t.Fatalf("unclassified error %v", err)
	}
}
