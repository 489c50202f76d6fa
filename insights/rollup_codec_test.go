package insights

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

func codecGroups() map[string]*Group {
	out := map[string]*Group{}
	for _, g := range []*Group{
		{Keys: map[string]string{"owner": "u1", "stage": "won"},
			Main: Cell{Count: 3, Sum: -1_500_000}, Den: Cell{Count: 7}},
		{Keys: map[string]string{"owner": "u2", "stage": "新"},
			Main: Cell{Count: 2, Values: map[string]int64{"xQQ": 1, "xQg": 1}, Capped: true}},
		{Keys: map[string]string{}, Main: Cell{Count: 1}},
	} {
		out[groupKey(g.Keys)] = g
	}
	return out
}

// TestCellsRoundTrip encodes a day of groups against a dictionary and
// decodes it back.
func TestCellsRoundTrip(t *testing.T) {
	groups := codecGroups()
	x := newDictIndex(nil)
	raw := encodeCells(groups, x.index)
	dict, err := decodeDict(encodeDict(x.dict))
	if err != nil {
		t.Fatal(err)
	}
	got, err := decodeCells(raw, dict)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(groups, got, cmpopts.EquateEmpty()); diff != "" {
		t.Errorf("round trip (-want +got):\n%s", diff)
	}
	if _, err := decodeCells(raw, dict[:1]); err == nil {
		t.Error("cells naming groups beyond the dictionary decoded without error")
	}
}

// FuzzDecodeCells feeds arbitrary bytes to the decoders of stored
// figures: they answer figures or an error, never panic or allocate
// without bound, and what they accept encodes back to itself.
func FuzzDecodeCells(f *testing.F) {
	x := newDictIndex(nil)
	f.Add(encodeCells(codecGroups(), x.index), encodeDict(x.dict))
	f.Add([]byte{0xff, 0xff, 0xff, 0xff, 0x0f}, []byte{1, 1})
	f.Add([]byte{}, []byte{})
	f.Fuzz(func(t *testing.T, cells, dictRaw []byte) {
		dict, err := decodeDict(dictRaw)
		if err != nil {
			return
		}
		groups, err := decodeCells(cells, dict)
		if err != nil {
			return
		}
		again, err := decodeCells(encodeCells(groups, newDictIndex(dict).index), dict)
		if err != nil {
			t.Fatalf("re-encoded figures do not decode: %v", err)
		}
		if diff := cmp.Diff(groups, again, cmpopts.EquateEmpty()); diff != "" {
			t.Fatalf("re-encoded figures differ (-first +again):\n%s", diff)
		}
	})
}
