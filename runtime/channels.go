package runtime

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/formworkhq/formwork/internal/auth"
	"github.com/formworkhq/formwork/internal/mongo"
	"github.com/formworkhq/formwork/plugins"
	_ "github.com/formworkhq/formwork/plugins/builtin" // the built-in channels
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
	snd := pluginSender{plugins: ps, store: store}
	pace := outbox.WithLimiter(pacerOf(ob, ps))
	for _, kind := range pluginKinds {
		ob.RegisterSender(kind, snd, pace)
	}
	ob.RegisterSender(plugins.ActionChannel, ps.ActionSender())

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

// pluginSender delivers a message through the tenant's plugin instance.
type pluginSender struct {
	plugins *plugins.Service
	store   *mongo.Store
}

// Send resolves the instance and the recipients, then sends.
func (p pluginSender) Send(ctx context.Context, m *outbox.Message) (string, error) {
	b, err := p.plugins.Resolve(ctx, m.TenantID, m.Channel)
	if errors.Is(err, plugins.ErrNoInstance) {
		return "", outbox.Permanent(err)
	}
	if err != nil {
		return "", outbox.Retryable(err)
	}

	out := *m
	out.Recipients, err = p.imIDs(ctx, m.TenantID, b.Info.Channel, m.Recipients)
	if err != nil {
		return "", outbox.Retryable(err)
	}

	return b.Sender.Send(ctx, &out)
}

// imIDs maps user ids to their ids in the channel's IM (or their e-mail
// address), skipping people without one; an e-mail recipient that is
// already an address stays; other channels get the recipients unchanged.
func (p pluginSender) imIDs(ctx context.Context, tenantID, channel string,
	users []string) ([]string, error) {
	probe := auth.User{Email: "x", IM: auth.IMIDs{WeCom: "x", DingTalk: "x", Feishu: "x"}}
	if addressOf(channel, probe) == "" {
		return users, nil
	}

	coll := p.store.Scope(tenantID).C(auth.UsersCollection)
	var out []string
	for _, id := range users {
		var u auth.User
		err := coll.FindByID(ctx, id, &u)
		if errors.Is(err, mongo.ErrNotFound) {
			if channel == outbox.ChannelEmail && strings.Contains(id, "@") {
				out = append(out, id)
			}
			continue
		}
		if err != nil {
			return nil, fmt.Errorf("resolving recipient %s: %w", id, err)
		}
		if addr := addressOf(channel, u); addr != "" && !u.Disabled {
			out = append(out, addr)
		}
	}

	return out, nil
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
