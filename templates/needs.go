package templates

import (
	"context"
	"fmt"

	"go.mongodb.org/mongo-driver/v2/bson"

	"github.com/formworkhq/formwork/designer"
	"github.com/formworkhq/formwork/internal/auth"
	"github.com/formworkhq/formwork/internal/i18n"
)

// Need is one thing the tenant lacks for a pack to work fully.
type Need struct {
	// Kind is channel or role.
	Kind string `json:"kind"`
	// Key is the channel ("wecom") or role ("supervisor").
	Key string `json:"key"`
	// Message says what to configure, in the caller's language.
	Message string `json:"message"`
}

// Kinds of need.
const (
	NeedChannel = "channel"
	NeedRole    = "role"
)

// Needs lists what p's tenant lacks of pack id's requirements.
func (l *Library) Needs(ctx context.Context, p auth.Principal, id string) ([]Need, error) {
	e, err := l.entry(id)
	if err != nil {
		return nil, err
	}
	return l.needs(ctx, p, e.pack.Manifest.Requires)
}

func (l *Library) needs(ctx context.Context, p auth.Principal,
	req designer.Requirements) ([]Need, error) {
	loc := localeOf(p)
	out := []Need{}
	for _, ch := range req.Channels {
		ready, err := l.channelReady(ctx, p.TenantID, ch)
		if err != nil {
			return nil, err
		}
		if ready {
			continue
		}
		out = append(out, Need{Kind: NeedChannel, Key: ch, Message: i18n.T(loc,
			"templates.need_channel", i18n.Params{"channel": channelName(loc, ch)})})
	}

	for _, role := range req.Roles {
		n, err := l.store.Scope(p.TenantID).C(auth.UsersCollection).Count(ctx,
			bson.D{{Key: "roles", Value: role}})
		if err != nil {
			return nil, fmt.Errorf("counting users with role %s: %w", role, err)
		}
		if n == 0 {
			out = append(out, Need{Kind: NeedRole, Key: role, Message: i18n.T(loc,
				"templates.need_role", i18n.Params{"role": roleName(loc, role)})})
		}
	}
	return out, nil
}

func (l *Library) channelReady(ctx context.Context, tenantID, name string) (bool, error) {
	if name == "in_app" || l.channels == nil {
		return name == "in_app", nil
	}
	ok, err := l.channels(ctx, tenantID, name)
	if err != nil {
		return false, fmt.Errorf("checking channel %s: %w", name, err)
	}
	return ok, nil
}

func localeOf(p auth.Principal) i18n.Locale {
	if p.Locale == "" {
		return i18n.Default
	}
	return p.Locale
}

// channelName is a channel's name in loc, or its key when it has none.
func channelName(loc i18n.Locale, key string) string {
	return nameOr(loc, "templates.channel_"+key, key)
}

// roleName is a role's name in loc, or its key when it has none.
func roleName(loc i18n.Locale, key string) string {
	return nameOr(loc, "templates.role_"+key, key)
}

func nameOr(loc i18n.Locale, msg, fallback string) string {
	if !i18n.Has(msg) {
		return fallback
	}
	return i18n.T(loc, msg, nil)
}
