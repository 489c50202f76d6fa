package plugins

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"path"
	"strings"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/formworkhq/formwork/internal/mongo"
	"github.com/formworkhq/formwork/runtime/outbox"
)

// ErrNoInstance says that a tenant has no enabled instance for a channel.
var ErrNoInstance = errors.New("no enabled plugin instance")

// Bound is an instance's Sender together with what callers need to know
// about it.
type Bound struct {
	Instance *Instance
	Info     Info
	Sender   outbox.Sender
	// raw is the plugin's own Sender, without redaction.
	raw outbox.Sender
	// secrets are the instance's secret values, redacted from errors.
	secrets []string
}

// Resolve returns the Sender for channel in the tenant: the enabled instance
// whose key is channel, or else the first enabled instance (by id) of the
// channel kind channel. Errors from the Sender never carry secret values.
func (s *Service) Resolve(ctx context.Context, tenantID, channel string) (*Bound, error) {
	inst, err := s.findEnabled(ctx, tenantID, channel)
	if err != nil {
		return nil, err
	}

	return s.bind(inst)
}

// findEnabled looks channel up as a key, then as a channel kind.
func (s *Service) findEnabled(ctx context.Context, tenantID, channel string) (*Instance, error) {
	coll := s.instances(tenantID)
	var inst Instance
	err := coll.FindOne(ctx, bson.D{{Key: "key", Value: channel}, {Key: "enabled", Value: true}},
		&inst)
	if err == nil {
		return &inst, nil
	}
	if !errors.Is(err, mongo.ErrNotFound) {
		return nil, fmt.Errorf("reading plugin instance %s: %w", channel, err)
	}

	opts := options.FindOne().SetSort(bson.D{{Key: "_id", Value: 1}})
	err = coll.FindOne(ctx, bson.D{{Key: "channel", Value: channel},
		{Key: "enabled", Value: true}}, &inst, opts)
	if errors.Is(err, mongo.ErrNotFound) {
		return nil, fmt.Errorf("channel %s: %w", channel, ErrNoInstance)
	}
	if err != nil {
		return nil, fmt.Errorf("reading plugin instances of %s: %w", channel, err)
	}

	return &inst, nil
}

// bind opens the instance's secrets and builds its Sender.
func (s *Service) bind(inst *Instance) (*Bound, error) {
	p, ok := s.registry.Lookup(inst.Plugin)
	if !ok {
		return nil, fmt.Errorf("instance %s: plugin %s is not registered", inst.ID, inst.Plugin)
	}
	ch, ok := p.(Channel)
	if !ok {
		return nil, fmt.Errorf("instance %s: plugin %s is not a channel", inst.ID, inst.Plugin)
	}

	settings, secrets, err := s.open(inst)
	if err != nil {
		return nil, err
	}

	snd, err := ch.NewSender(Env{Settings: settings, HTTP: s.http, Clock: s.clock})
	if err != nil {
		return nil, redactErr(fmt.Errorf("instance %s: %w", inst.ID, err), secrets)
	}

	return &Bound{Instance: inst, Info: p.Info(),
		Sender: redactingSender{next: snd, secrets: secrets}, raw: snd, secrets: secrets}, nil
}

// open returns the settings with secrets in clear, and the clear secrets.
func (s *Service) open(inst *Instance) (map[string]any, []string, error) {
	settings := make(map[string]any, len(inst.Settings)+len(inst.Secrets))
	for k, v := range inst.Settings {
		settings[k] = v
	}

	var secrets []string
	for k, sealed := range inst.Secrets {
		plain, err := s.sealer.Open(sealed, secretContext(inst, k))
		if err != nil {
			return nil, nil, fmt.Errorf("instance %s setting %s: %w", inst.ID, k, err)
		}
		settings[k] = plain
		secrets = append(secrets, secretParts(plain)...)
	}

	return settings, secrets, nil
}

// redactingSender removes secret values from its Sender's errors.
type redactingSender struct {
	next    outbox.Sender
	secrets []string
}

// Send sends through the wrapped Sender.
func (r redactingSender) Send(ctx context.Context, m *outbox.Message) (string, error) {
	id, err := r.next.Send(ctx, m)
	return id, redactErr(err, r.secrets)
}

// redactErr replaces secret values in err's text, keeping its class.
func redactErr(err error, secrets []string) error {
	if err == nil {
		return nil
	}
	if pe, ok := outbox.AsPartial(err); ok {
		return redactPartial(pe, secrets)
	}

	msg := Redact(err.Error(), secrets)
	if msg == err.Error() {
		return err
	}
	if outbox.IsPermanent(err) {
		return outbox.Permanent(errors.New(msg))
	}
	if d := outbox.RetryDelay(err); d > 0 {
		return outbox.RetryAfter(errors.New(msg), d) // the vendor's Retry-After stays
	}

	return outbox.Retryable(errors.New(msg))
}

// redactPartial is pe with secret values removed from its errors, still
// a PartialError so that the outbox records what it settled.
func redactPartial(pe *outbox.PartialError, secrets []string) error {
	out := *pe
	out.Err = redactErr(pe.Err, secrets)
	out.Refused = make([]outbox.RecipientError, len(pe.Refused))
	for i, r := range pe.Refused {
		out.Refused[i] = outbox.RecipientError{Recipient: r.Recipient, Code: r.Code,
			Error: Redact(r.Error, secrets)}
	}

	return &out
}

// Redact replaces every secret (at least 4 characters long) in s by Mask.
func Redact(s string, secrets []string) string {
	for _, sec := range secrets {
		if len(sec) >= 4 {
			s = strings.ReplaceAll(s, sec, Mask)
		}
	}

	return s
}

// Enabled returns the tenant's enabled instances, ordered by id.
func (s *Service) Enabled(ctx context.Context, tenantID string) ([]Instance, error) {
	var docs []Instance
	opts := options.Find().SetSort(bson.D{{Key: "_id", Value: 1}})
	err := s.instances(tenantID).FindAll(ctx, bson.D{{Key: "enabled", Value: true}}, &docs, opts)
	if err != nil {
		return nil, fmt.Errorf("listing enabled plugin instances: %w", err)
	}

	return docs, nil
}

// PerMinute is the send limit of the channel kind or plugin name, the
// strictest of its plugins; zero means none.
func (s *Service) PerMinute(channelOrPlugin string) int {
	limit := 0
	for _, info := range s.registry.List() {
		if info.Channel != channelOrPlugin && info.Name != channelOrPlugin {
			continue
		}
		if info.PerMinute > 0 && (limit == 0 || info.PerMinute < limit) {
			limit = info.PerMinute
		}
	}

	return limit
}

// secretParts is a secret and, when it is a URL, the parts a vendor may
// echo on their own: query values (an access token) and the last path
// segment (a hook id).
func secretParts(secret string) []string {
	out := []string{secret}
	u, err := url.Parse(secret)
	if err != nil || u.Host == "" {
		return out
	}

	for _, vs := range u.Query() {
		out = append(out, vs...)
	}
	if last := path.Base(u.Path); len(last) >= 8 {
		out = append(out, last)
	}

	return out
}
