package plugins

import (
	"context"

	"github.com/formworkhq/formwork/internal/auth"
	"github.com/formworkhq/formwork/internal/i18n"
	"github.com/formworkhq/formwork/internal/problem"
	"github.com/formworkhq/formwork/runtime/outbox"
)

// TestResult is what a test message got from the vendor.
type TestResult struct {
	// OK says the vendor accepted the message.
	OK bool `json:"ok"`
	// VendorID is the vendor's message id, when it returns one.
	VendorID string `json:"vendor_id,omitempty"`
	// Error is the vendor's refusal, secrets removed.
	Error string `json:"error,omitempty"`
	// Retryable says the failure may pass on a later try.
	Retryable bool `json:"retryable,omitempty"`
}

// SendTest sends a test message through instance id and reports the
// vendor's answer. A refusal by the vendor is a result, not an error.
func (s *Service) SendTest(ctx context.Context, p auth.Principal, id string) (*TestResult,
	error) {
	if !mayConfigure(p) {
		return nil, problem.New(problem.Forbidden, "plugins.configure_forbidden", nil)
	}

	inst, err := s.instance(ctx, p.TenantID, id)
	if err != nil {
		return nil, err
	}

	b, err := s.bind(inst)
	if err != nil {
		return nil, err
	}

	m := testMessage(p, inst)
	if t, ok := b.raw.(Tester); ok {
		t.TestMessage(ctx, m)
	}

	vendorID, err := b.Sender.Send(ctx, m)
	if err != nil {
		return &TestResult{Error: err.Error(), Retryable: !outbox.IsPermanent(err)}, nil
	}

	return &TestResult{OK: true, VendorID: vendorID}, nil
}

// testMessage is the message an instance test sends.
func testMessage(p auth.Principal, inst *Instance) *outbox.Message {
	m := &outbox.Message{ID: "test-" + inst.ID, Channel: inst.Key, Kind: outbox.KindNotify,
		Title: outbox.Text{}, Body: outbox.Text{}}
	m.TenantID = p.TenantID
	for _, l := range []i18n.Locale{i18n.English, i18n.Chinese} {
		m.Title[l] = i18n.T(l, "plugins.test_title", nil)
		m.Body[l] = i18n.T(l, "plugins.test_body", i18n.Params{"name": inst.Name})
	}

	return m
}
