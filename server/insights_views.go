package server

import "github.com/formworkhq/formwork/runtime/record"

// MetricRecords are the records behind a figure.
type MetricRecords struct {
	Items []*record.Record `json:"items"`
}
