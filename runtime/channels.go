package runtime

import (
	"context"
	"errors"
	"fmt"

	"github.com/formworkhq/formwork/internal/auth"
	"github.com/formworkhq/formwork/internal/mongo"
	"github.com/formworkhq/formwork/plugins"
	_ "github.com/formworkhq/formwork/plugins/builtin" // the built-in channels
	"github.com/formworkhq/formwork/plugins/webhook"
	"github.com/formworkhq/formwork/runtime/outbox"
)

// pluginKinds are the channel kinds delivered through plugin instances.
var pluginKinds = []string{outbox.ChannelWeCom, outbox.ChannelDingTalk, outbox.ChannelFeishu,
	outbox.ChannelWebhook, outbox.ChannelEmail}

// RegisterPluginChannels makes ob deliver through plugin instances: the
// channel kinds wecom, dingtalk, feishu, webhook and email, and the keys of the
// tenant's enabled instances. A message goes through the tenant's instance
// with that key, or else its first enabled instance of that kind; its
// recipients (user ids) become the users' ids in that IM. Call it at
// start-up for every tenant and again when a tenant adds an instance.
// Sends are paced per instance at its plugin's PerMinute (see
// instancePacer), whichever channel name a message uses.
func RegisterPluginChannels(ctx context.Context, ob *outbox.Service, ps *plugins.Service,
	store *mongo.Store, tenantID string) error {
	snd := pluginSender{plugins: ps, store: store, outbox: ob}
	pacer := pacerOf(ob, ps)
	pace := outbox.WithLimiter(pacer)
	for _, kind := range pluginKinds {
		ob.RegisterSender(kind, snd, pace)
	}
	env := ps.Env()
	ob.RegisterSender(plugins.ActionChannel, actionSender{plugin: ps.ActionSender(),
		webhook: webhook.Caller{Keys: ps, HTTP: env.HTTP, Clock: env.Clock}})
	ob.RegisterSender(CardUpdateChannel, cardSender{outbox: ob, plugins: ps, pacer: pacer},
		outbox.WithLimiter(cardWait{outbox: ob}))

	if tenantID == "" {
		return nil
	}

	insts, err := ps.Enabled(ctx, tenantID)
	if err != nil {
		return fmt.Errorf("registering plugin channels of tenant %s: %w", tenantID, err)
	}
	for _, in := range insts {
		ob.RegisterSender(in.Key, snd, pace)
	}

	return nil
}

// actionSender delivers call_action messages: through a plugin
// instance's action when the step names a plugin, else as a signed POST to
// the step's bare webhook URL.
type actionSender struct {
	plugin, webhook outbox.Sender
}

// Send picks the plugin's action or the webhook call.
func (a actionSender) Send(ctx context.Context, m *outbox.Message) (string, error) {
	plugin, _ := m.Payload["plugin"].(string)
	if target, _ := m.Payload["webhook"].(string); plugin == "" && target != "" {
		return a.webhook.Send(ctx, m)
	}

	return a.plugin.Send(ctx, m)
}

// pluginSender delivers a message through the tenant's plugin instance.
type pluginSender struct {
	plugins *plugins.Service
	store   *mongo.Store
	// outbox takes the update of a card delivered after its task closed.
	outbox *outbox.Service
}

// Send resolves the instance and the recipients, then sends. What the
// vendor reports per recipient (see outbox.PartialError) comes back under
// the recipients as the message names them, and people the channel cannot
// reach (no id in its IM) are refused there, while the rest is delivered.
// A task card delivered after its task closed gets its update queued.
func (p pluginSender) Send(ctx context.Context, m *outbox.Message) (string, error) {
	b, err := p.plugins.Resolve(ctx, m.TenantID, m.Channel)
	if errors.Is(err, plugins.ErrNoInstance) {
		return "", outbox.Permanent(err)
	}
	if err != nil {
		return "", outbox.Retryable(err)
	}

	book, err := p.addresses(ctx, m.TenantID, b.Info.Channel, m.Recipients)
	if err != nil {
		return "", outbox.Retryable(err)
	}
	out := *m
	out.Recipients = book.addrs
	if b.Info.Channel == outbox.ChannelEmail {
		out.Payload = withLocales(m.Payload, book.locales)
	}

	id, err := b.Sender.Send(ctx, &out)
	id, err = book.report(b.Info.Channel, id, err)
	if delivered(err) {
		p.afterCard(ctx, m, b)
	}

	return id, err
}

// delivered reports whether a Send that ended with err delivered its
// message: no error, or a partial outcome that settled every recipient.
func delivered(err error) bool {
	pe, ok := outbox.AsPartial(err)
	return err == nil || (ok && pe.Err == nil)
}

// addresses maps user ids to their ids in the channel's IM (or their
// e-mail address and locale); people without one are listed as missing.
// An e-mail recipient that is already an address, and a WeCom department
// ("party:<id>"), stay; other channels get the recipients unchanged.
func (p pluginSender) addresses(ctx context.Context, tenantID, channel string,
	users []string) (*addressBook, error) {
	book := newAddressBook()
	probe := auth.User{Email: "x", IM: auth.IMIDs{WeCom: "x", DingTalk: "x", Feishu: "x"}}
	if addressOf(channel, probe) == "" {
		book.addrs = users
		return book, nil
	}

	coll := p.store.Scope(tenantID).C(auth.UsersCollection)
	for _, id := range users {
		var u auth.User
		err := coll.FindByID(ctx, id, &u)
		if errors.Is(err, mongo.ErrNotFound) {
			book.addUnknown(channel, id)
			continue
		}
		if err != nil {
			return nil, fmt.Errorf("resolving recipient %s: %w", id, err)
		}
		book.addUser(channel, id, u)
	}

	return book, nil
}

// addressOf is where a person is reached on the channel: their id in its
// IM, their e-mail address, or "".
func addressOf(channel string, u auth.User) string {
	switch channel {
	case outbox.ChannelWeCom:
		return u.IM.WeCom
	case outbox.ChannelDingTalk:
		return u.IM.DingTalk
	case outbox.ChannelFeishu:
		return u.IM.Feishu
	case outbox.ChannelEmail:
		return u.Email
	}

	return ""
}
