package insights

import (
	"encoding/binary"
	"errors"
	"slices"
)

// The binary forms of a month document's figures. The embedded store's
// cost of a read grows with the bytes and the number of values of a
// document, so a month keeps, per metric, one dictionary of its groups'
// dimension values and, per day, a run of varints naming a group by its
// position in the dictionary and giving its two cells:
//
//	dict:  n, then n × (pairs, pairs × (name, value))
//	cells: n, then n × (group index, shape, main cell, denominator cell)
//	cell:  [count] [sum] [values, values × (value, count)]
//
// The shape says which parts of each cell are there (shapeOf); counts,
// sums and value counts are zig-zag varints, strings a length and their
// bytes. A day of 200 reps' counts of one metric takes about 1 KB.

// errCorrupt is the decoding error of a malformed blob.
var errCorrupt = errors.New("malformed rollup figures")

// dictEntry is one group of a month's dictionary.
type dictEntry struct {
	key  string
	keys map[string]string
}

// maxDecoded bounds the lengths a decoder accepts, so that a corrupt blob
// cannot make it allocate without bound.
const maxDecoded = 1 << 24

type reader struct {
	buf []byte
	err error
}

func (r *reader) uint() uint64 {
	if r.err != nil {
		return 0
	}
	v, n := binary.Uvarint(r.buf)
	if n <= 0 {
		r.err = errCorrupt
		return 0
	}
	r.buf = r.buf[n:]
	return v
}

func (r *reader) int() int64 {
	if r.err != nil {
		return 0
	}
	v, n := binary.Varint(r.buf)
	if n <= 0 {
		r.err = errCorrupt
		return 0
	}
	r.buf = r.buf[n:]
	return v
}

// length reads a count of at most max and of at most what the rest of the
// buffer could hold (every counted thing takes a byte or more).
func (r *reader) length(max int) int {
	n := r.uint()
	if r.err == nil && (n > uint64(max) || n > uint64(len(r.buf))+1) {
		r.err = errCorrupt
		return 0
	}
	return int(n)
}

func (r *reader) string() string {
	n := r.length(maxDecoded)
	if r.err != nil || n > len(r.buf) {
		r.err = errCorrupt
		return ""
	}
	s := string(r.buf[:n])
	r.buf = r.buf[n:]
	return s
}

func putString(b []byte, s string) []byte {
	b = binary.AppendUvarint(b, uint64(len(s)))
	return append(b, s...)
}

// encodeDict encodes a dictionary.
func encodeDict(dict []dictEntry) []byte {
	b := binary.AppendUvarint(nil, uint64(len(dict)))
	for _, e := range dict {
		names := sortedKeys(e.keys)
		b = binary.AppendUvarint(b, uint64(len(names)))
		for _, name := range names {
			b = putString(putString(b, name), e.keys[name])
		}
	}
	return b
}

// decodeDict decodes a dictionary and keys its groups.
func decodeDict(raw []byte) ([]dictEntry, error) {
	r := &reader{buf: raw}
	n := r.length(maxDecoded)
	out := make([]dictEntry, 0, n)
	for range n {
		pairs := r.length(64)
		keys := make(map[string]string, pairs)
		for range pairs {
			name := r.string()
			keys[name] = r.string()
		}
		if r.err != nil {
			return nil, r.err
		}
		out = append(out, dictEntry{key: groupKey(keys), keys: keys})
	}
	return out, r.err
}

// encodeCells encodes one day of a metric's groups; index gives a group's
// position in the dictionary, adding it when new.
func encodeCells(groups map[string]*Group, index func(key string, g *Group) int) []byte {
	b := binary.AppendUvarint(nil, uint64(len(groups)))
	for _, k := range sortedKeys(groups) {
		g := groups[k]
		b = binary.AppendUvarint(b, uint64(index(k, g)))
		main, den := shapeOf(&g.Main), shapeOf(&g.Den)
		b = binary.AppendUvarint(b, main|den<<shapeBits)
		b = putCell(putCell(b, &g.Main, main), &g.Den, den)
	}
	return b
}

// The shape of a cell says which of its parts are stored: most cells are
// a bare count, and a ratio's is the only denominator.
const (
	shapeCount  = 1 << iota // a count other than 0
	shapeSum                // a sum other than 0
	shapeValues             // distinct values
	shapeCapped             // the values reached MaxDistinct
	shapeBits   = 4
)

func shapeOf(c *Cell) uint64 {
	var s uint64
	if c.Count != 0 {
		s |= shapeCount
	}
	if c.Sum != 0 {
		s |= shapeSum
	}
	if len(c.Values) > 0 {
		s |= shapeValues
	}
	if c.Capped {
		s |= shapeCapped
	}
	return s
}

func putCell(b []byte, c *Cell, shape uint64) []byte {
	if shape&shapeCount != 0 {
		b = binary.AppendVarint(b, c.Count)
	}
	if shape&shapeSum != 0 {
		b = binary.AppendVarint(b, c.Sum)
	}
	if shape&shapeValues != 0 {
		b = binary.AppendUvarint(b, uint64(len(c.Values)))
		for _, v := range sortedKeys(c.Values) {
			b = binary.AppendVarint(putString(b, v), c.Values[v])
		}
	}
	return b
}

// decodeCells decodes one day of a metric's groups against its dictionary.
func decodeCells(raw []byte, dict []dictEntry) (map[string]*Group, error) {
	r := &reader{buf: raw}
	n := r.length(maxDecoded)
	out := make(map[string]*Group, n)
	cells := make([]Group, n) // one allocation for the day's groups
	for j := range n {
		i := r.uint()
		if r.err != nil || i >= uint64(len(dict)) {
			return nil, errCorrupt
		}
		g := &cells[j]
		g.Keys = dict[i].keys
		shape := r.uint()
		r.cell(&g.Main, shape&(1<<shapeBits-1))
		r.cell(&g.Den, shape>>shapeBits)
		out[dict[i].key] = g
	}
	return out, r.err
}

func (r *reader) cell(c *Cell, shape uint64) {
	if shape&shapeCount != 0 {
		c.Count = r.int()
	}
	if shape&shapeSum != 0 {
		c.Sum = r.int()
	}
	c.Capped = shape&shapeCapped != 0
	if shape&shapeValues == 0 {
		return
	}
	n := r.length(MaxDistinct)
	c.Values = make(map[string]int64, n)
	for range n {
		v := r.string()
		c.Values[v] = r.int()
	}
}

// dictIndex finds groups in a dictionary and appends the new ones.
type dictIndex struct {
	dict  []dictEntry
	pos   map[string]int
	grown bool
}

func newDictIndex(dict []dictEntry) *dictIndex {
	x := &dictIndex{dict: slices.Clone(dict), pos: make(map[string]int, len(dict))}
	for i, e := range dict {
		x.pos[e.key] = i
	}
	return x
}

// index returns the position of group key k, adding it with g's keys.
func (x *dictIndex) index(k string, g *Group) int {
	if i, ok := x.pos[k]; ok {
		return i
	}
	x.dict = append(x.dict, dictEntry{key: k, keys: g.Keys})
	x.pos[k] = len(x.dict) - 1
	x.grown = true
	return len(x.dict) - 1
}
