package server

import (
	"net/http"
	"time"

	"github.com/gofiber/fiber/v3"

	"github.com/formworkhq/formwork/internal/auth"
	"github.com/formworkhq/formwork/internal/i18n"
	"github.com/formworkhq/formwork/internal/problem"
	"github.com/formworkhq/formwork/runtime/ledger"
	"github.com/formworkhq/formwork/runtime/outbox"
)

// BalanceView is a person's points in a ledger.
type BalanceView struct {
	Ledger string `json:"ledger"`
	UserID string `json:"user_id"`
	Points int64  `json:"points"`
}

// EntryList is one page of ledger entries.
type EntryList struct {
	Items      []ledger.Entry `json:"items"`
	NextCursor string         `json:"next_cursor,omitempty"`
}

// StandingList is a leaderboard.
type StandingList struct {
	Items []ledger.Standing `json:"items"`
}

// RewardList is the reward catalog.
type RewardList struct {
	Items []ledger.Reward `json:"items"`
}

// RedeemInput spends points on a reward.
type RedeemInput struct {
	// Ledger is the ledger key; empty means the process points ledger.
	Ledger string `json:"ledger,omitempty"`
	Reward string `json:"reward"`
}

// IncidentList is the delivery incidents of the organisation.
type IncidentList struct {
	Items []outbox.Incident `json:"items"`
}

func (s *Server) listIncidents(c fiber.Ctx) error {
	items, err := s.deps.Outbox.Incidents(c.Context(), principalOf(c),
		fiber.Query[int](c, "limit", 0))
	if err != nil {
		return err
	}
	return c.JSON(IncidentList{Items: items})
}

func (s *Server) deliveryRoutes() []route {
	return []route{
		{method: http.MethodGet, path: "/api/v1/deliveries", op: "listDeliveries",
			tag: "deliveries", summary: "Outbox messages (?record_id=&status=&channel=)",
			out: outbox.DeliveryPage{}, status: http.StatusOK, handler: s.listDeliveries},
		{method: http.MethodPost, path: "/api/v1/deliveries/:id/retry", op: "retryDelivery",
			tag: "deliveries", summary: "Send a failed message again", object: "delivery",
			out: outbox.Delivery{}, status: http.StatusOK, handler: s.retryDelivery},
		{method: http.MethodGet, path: "/api/v1/incidents", op: "listIncidents",
			tag: "deliveries", summary: "Messages that gave up after every retry, newest " +
				"first (owners and admins; ?limit=)", out: IncidentList{}, status: http.StatusOK,
			handler: s.listIncidents},
		{method: http.MethodGet, path: "/api/v1/notifications", op: "listNotifications",
			tag: "deliveries", summary: "The signed-in user's in-app notifications (?unread=true)",
			out: outbox.NotificationPage{}, status: http.StatusOK,
			handler: s.listNotifications},
		{method: http.MethodPost, path: "/api/v1/notifications/:id/read", op: "readNotification",
			tag: "deliveries", summary: "Mark a notification read", object: "notification",
			out: outbox.Notification{}, status: http.StatusOK, handler: s.readNotification},
		{method: http.MethodGet, path: "/api/v1/ledger/balance", op: "ledgerBalance",
			tag: "points", summary: "A person's balance (?ledger=&user_id=, default me)",
			out: BalanceView{}, status: http.StatusOK, handler: s.balance},
		{method: http.MethodGet, path: "/api/v1/ledger/entries", op: "ledgerEntries",
			tag: "points", summary: "A person's entries (?ledger=&user_id=, default me)",
			out: EntryList{}, status: http.StatusOK, handler: s.entries},
		{method: http.MethodGet, path: "/api/v1/ledger/leaderboard", op: "leaderboard",
			tag: "points", summary: "Top N by points awarded (?ledger=&from=&to=&top=10)",
			out: StandingList{}, status: http.StatusOK,
			handler: s.leaderboard},
		{method: http.MethodPost, path: "/api/v1/ledger/redeem", op: "redeem",
			tag: "points", summary: "Spend points on a reward",
			in: RedeemInput{}, out: ledger.Entry{}, status: http.StatusCreated,
			handler: s.redeem},
		{method: http.MethodGet, path: "/api/v1/rewards", op: "listRewards", tag: "points",
			summary: "The reward catalog", out: RewardList{}, status: http.StatusOK,
			handler: s.listRewards},
		{method: http.MethodPost, path: "/api/v1/rewards", op: "putReward", tag: "points",
			summary: "Add or change a reward", perm: auth.WriteDefinitions,
			in: ledger.RewardInput{}, out: ledger.Reward{},
			status: http.StatusOK, handler: s.putReward},
	}
}

func (s *Server) listDeliveries(c fiber.Ctx) error {
	q := outbox.Query{RecordID: c.Query("record_id"), Status: outbox.Status(c.Query("status")),
		Channel: c.Query("channel"), Cursor: c.Query("cursor"),
		Limit: fiber.Query[int](c, "limit", 0)}
	page, err := s.deps.Outbox.List(c.Context(), principalOf(c), q)
	if err != nil {
		return err
	}
	return c.JSON(page)
}

func (s *Server) retryDelivery(c fiber.Ctx) error {
	m, err := s.deps.Outbox.Retry(c.Context(), principalOf(c), c.Params("id"))
	if err != nil {
		return err
	}
	return c.JSON(outbox.DeliveryOf(m))
}

func (s *Server) listNotifications(c fiber.Ctx) error {
	q := outbox.NotificationQuery{UnreadOnly: c.Query("unread") == "true",
		Cursor: c.Query("cursor"), Limit: fiber.Query[int](c, "limit", 0)}
	page, err := s.deps.Outbox.InApp().List(c.Context(), principalOf(c), q)
	if err != nil {
		return err
	}
	return c.JSON(page)
}

func (s *Server) readNotification(c fiber.Ctx) error {
	n, err := s.deps.Outbox.InApp().MarkRead(c.Context(), principalOf(c), c.Params("id"))
	if err != nil {
		return err
	}
	return c.JSON(n)
}

// personOf is the ?user_id= of a ledger query, the caller by default.
func personOf(c fiber.Ctx) string {
	if u := c.Query("user_id"); u != "" && u != "me" {
		return u
	}
	return principalOf(c).UserID
}

func (s *Server) balance(c fiber.Ctx) error {
	user := personOf(c)
	n, err := s.deps.Ledger.BalanceOf(c.Context(), principalOf(c), c.Query("ledger"), user)
	if err != nil {
		return err
	}
	return c.JSON(BalanceView{Ledger: c.Query("ledger"), UserID: user, Points: n})
}

func (s *Server) entries(c fiber.Ctx) error {
	items, more, err := s.deps.Ledger.Entries(c.Context(), principalOf(c), c.Query("ledger"),
		personOf(c), c.Query("cursor"), fiber.Query[int](c, "limit", 0))
	if err != nil {
		return err
	}
	out := EntryList{Items: items}
	if out.Items == nil {
		out.Items = []ledger.Entry{}
	}
	if more && len(items) > 0 {
		out.NextCursor = items[len(items)-1].ID
	}
	return c.JSON(out)
}

func (s *Server) leaderboard(c fiber.Ctx) error {
	var from, to time.Time
	for name, dst := range map[string]*time.Time{"from": &from, "to": &to} {
		if v := c.Query(name); v != "" {
			t, err := time.Parse(time.RFC3339, v)
			if err != nil {
				return problem.New(problem.BadRequest, "request.invalid_query",
					i18n.Params{"name": name})
			}
			*dst = t
		}
	}
	items, err := s.deps.Ledger.Leaderboard(c.Context(), principalOf(c), c.Query("ledger"),
		from, to, fiber.Query[int](c, "top", 10))
	if err != nil {
		return err
	}
	if items == nil {
		items = []ledger.Standing{}
	}
	return c.JSON(StandingList{Items: items})
}

func (s *Server) redeem(c fiber.Ctx) error {
	var in RedeemInput
	if err := decodeJSON(c, &in); err != nil {
		return err
	}
	e, err := s.deps.Ledger.Redeem(c.Context(), principalOf(c), in.Ledger, in.Reward)
	if err != nil {
		return err
	}
	return c.Status(http.StatusCreated).JSON(e)
}

func (s *Server) listRewards(c fiber.Ctx) error {
	items, err := s.deps.Ledger.Rewards(c.Context(), principalOf(c))
	if err != nil {
		return err
	}
	if items == nil {
		items = []ledger.Reward{}
	}
	return c.JSON(RewardList{Items: items})
}

func (s *Server) putReward(c fiber.Ctx) error {
	var in ledger.RewardInput
	if err := decodeJSON(c, &in); err != nil {
		return err
	}
	r, err := s.deps.Ledger.PutReward(c.Context(), principalOf(c), in)
	if err != nil {
		return err
	}
	return c.JSON(r)
}
