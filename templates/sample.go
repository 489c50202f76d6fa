package templates

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
)

// samplesFile holds a pack's sample records, beside its manifest.
const samplesFile = "samples/records.json"

// Sample is one sample record: the form key and the field values, as a
// client would submit them.
type Sample struct {
	Form string          `json:"form"`
	Data json.RawMessage `json:"data"`
}

// readSamples reads a pack's sample records; a pack need not have any.
func readSamples(fsys fs.FS) ([]Sample, error) {
	raw, err := fs.ReadFile(fsys, samplesFile)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", samplesFile, err)
	}

	var out []Sample
	if err := json.Unmarshal(raw, &out); err != nil {
		return nil, fmt.Errorf("decoding %s: %w", samplesFile, err)
	}
	for i, s := range out {
		if s.Form == "" || len(s.Data) == 0 {
			return nil, fmt.Errorf("%s: sample %d needs a form and data", samplesFile, i)
		}
	}
	return out, nil
}
