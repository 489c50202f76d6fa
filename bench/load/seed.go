package main

import (
	"context"
	"fmt"
	"net/http"
	"sync/atomic"
)

// benchPassword is the password of every seeded account.
const benchPassword = "bench-password-1"

var tenantSeq atomic.Int64

// tenant is a seeded organisation: its owner and reps, each with a token.
type tenant struct {
	id         string
	ownerID    string
	ownerToken string
	supervisor string
	reps       []user
}

type user struct {
	id, token string
}

// signupTenant creates a tenant and signs its owner in.
func signupTenant(ctx context.Context, c *client, label string) (*tenant, error) {
	n := tenantSeq.Add(1)
	email := fmt.Sprintf("owner-%s-%d@bench.example.com", label, n)
	var res struct {
		TenantID string `json:"tenant_id"`
		UserID   string `json:"user_id"`
	}
	err := c.call(ctx, http.MethodPost, "/api/v1/signup", "", map[string]any{
		"tenant": fmt.Sprintf("Bench %s %d", label, n), "name": "Owner", "email": email,
		"password": benchPassword, "locale": "zh-CN"}, &res)
	if err != nil {
		return nil, fmt.Errorf("signing up: %w", err)
	}
	token, err := login(ctx, c, email)
	if err != nil {
		return nil, err
	}
	return &tenant{id: res.TenantID, ownerID: res.UserID, ownerToken: token}, nil
}

func login(ctx context.Context, c *client, email string) (string, error) {
	var res struct {
		Token string `json:"token"`
	}
	err := c.call(ctx, http.MethodPost, "/api/v1/auth/login", "",
		map[string]string{"email": email, "password": benchPassword}, &res)
	if err != nil {
		return "", fmt.Errorf("signing in %s: %w", email, err)
	}
	return res.Token, nil
}

// addUser creates a person with a manager and signs them in.
func (t *tenant) addUser(ctx context.Context, c *client, role, manager string) (user, error) {
	email := fmt.Sprintf("%s-%d@bench.example.com", role, tenantSeq.Add(1))
	body := map[string]any{"email": email, "name": role, "password": benchPassword,
		"roles": []string{role}}
	if manager != "" {
		body["manager_id"] = manager
	}
	var res idOf
	if err := c.call(ctx, http.MethodPost, "/api/v1/users", t.ownerToken, body,
		&res); err != nil {
		return user{}, fmt.Errorf("adding a %s: %w", role, err)
	}
	token, err := login(ctx, c, email)
	if err != nil {
		return user{}, err
	}
	return user{id: res.ID, token: token}, nil
}

// seedTenant signs up a tenant, installs packs and adds a supervisor and
// n reps reporting to them.
func seedTenant(ctx context.Context, c *client, label string, n int,
	packs ...string) (*tenant, error) {
	t, err := signupTenant(ctx, c, label)
	if err != nil {
		return nil, err
	}
	for _, p := range packs {
		if err := install(ctx, c, t.ownerToken, p); err != nil {
			return nil, err
		}
	}
	sup, err := t.addUser(ctx, c, "supervisor", "")
	if err != nil {
		return nil, err
	}
	t.supervisor = sup.id
	for range n {
		u, err := t.addUser(ctx, c, "rep", sup.id)
		if err != nil {
			return nil, err
		}
		t.reps = append(t.reps, u)
	}
	return t, nil
}

// install installs a template pack without sample data.
func install(ctx context.Context, c *client, token, pack string) error {
	err := c.call(ctx, http.MethodPost, "/api/v1/templates/"+pack+"/install", token,
		map[string]any{"sample_data": false}, nil)
	if err != nil {
		return fmt.Errorf("installing %s: %w", pack, err)
	}
	return nil
}

// rep returns the rep a worker acts as.
func (t *tenant) rep(w int) user { return t.reps[w%len(t.reps)] }
