package ledger

import (
	"time"

	"github.com/formworkhq/formwork/internal/i18n"
	"github.com/formworkhq/formwork/internal/mongo"
)

// Collections owned by this package.
const (
	EntriesCollection  = "ledger_entries"
	BalancesCollection = "ledger_balances"
	RewardsCollection  = "ledger_rewards"
)

// DefaultLedger is the ledger of points awarded by processes.
const DefaultLedger = "process_points"

// SourceRedemption is the source of every redemption entry.
const SourceRedemption = "redemption"

// EntryKind tells awards from redemptions.
type EntryKind string

// The kinds of entry.
const (
	KindAward      EntryKind = "award"
	KindRedemption EntryKind = "redemption"
)

// Text is a text per locale.
type Text map[i18n.Locale]string

// Entry is one booking of points to one person in one ledger.
type Entry struct {
	ID             string `bson:"_id" json:"id"`
	mongo.Tenanted `bson:",inline" json:"-"`

	Ledger string    `bson:"ledger" json:"ledger"`
	UserID string    `bson:"user_id" json:"user_id"`
	Kind   EntryKind `bson:"kind" json:"kind"`
	// Points is the amount, negative when points are taken away.
	Points int64 `bson:"points" json:"points"`
	Reason Text  `bson:"reason,omitempty" json:"reason,omitempty"`
	// Source says where the points come from: "<instance>/<node>" for a
	// process step, "redemption" for a redemption.
	Source string `bson:"source" json:"source"`
	// RewardKey is the redeemed reward, for redemptions.
	RewardKey string    `bson:"reward_key,omitempty" json:"reward_key,omitempty"`
	DedupeKey string    `bson:"dedupe_key" json:"-"`
	At        time.Time `bson:"at" json:"at"`
}

// Balance is a person's current points in one ledger.
type Balance struct {
	ID             string `bson:"_id" json:"-"`
	mongo.Tenanted `bson:",inline" json:"-"`

	Ledger    string    `bson:"ledger" json:"ledger"`
	UserID    string    `bson:"user_id" json:"user_id"`
	Points    int64     `bson:"points" json:"points"`
	UpdatedAt time.Time `bson:"updated_at" json:"updated_at"`
}

// balanceID is the id of the balance of user in ledger of tenant.
func balanceID(tenantID, ledger, user string) string {
	return tenantID + "/" + ledger + "/" + user
}

// Reward is an item of the catalog that points can be redeemed for.
type Reward struct {
	ID             string `bson:"_id" json:"-"`
	mongo.Tenanted `bson:",inline" json:"-"`

	Key  string `bson:"key" json:"key"`
	Name Text   `bson:"name" json:"name"`
	// Cost is the points one redemption takes, at least 1.
	Cost int64 `bson:"cost" json:"cost"`
	// Stock is how many are left; nil means unlimited.
	Stock     *int64    `bson:"stock,omitempty" json:"stock,omitempty"`
	UpdatedAt time.Time `bson:"updated_at" json:"updated_at"`
}

// rewardID is the id of reward key of tenant.
func rewardID(tenantID, key string) string { return tenantID + "/" + key }
