package templates

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"

	"github.com/formworkhq/formwork/internal/auth"
	"github.com/formworkhq/formwork/runtime/ledger"
)

// rewardsFile holds a pack's redemption catalog, beside its manifest.
const rewardsFile = "rewards.json"

// readRewards reads a pack's reward catalog; a pack need not have one.
// Each reward is checked the way the catalog API checks it when the pack
// is installed; here only its shape.
func readRewards(fsys fs.FS) ([]ledger.RewardInput, error) {
	raw, err := fs.ReadFile(fsys, rewardsFile)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", rewardsFile, err)
	}
	var out []ledger.RewardInput
	if err := json.Unmarshal(raw, &out); err != nil {
		return nil, fmt.Errorf("decoding %s: %w", rewardsFile, err)
	}
	seen := map[string]bool{}
	for i, r := range out {
		if r.Key == "" || r.Cost <= 0 || len(r.Name) == 0 || seen[r.Key] {
			return nil, fmt.Errorf("%s: reward %d needs a unique key, a name and a cost", rewardsFile,
				i)
		}
		seen[r.Key] = true
	}
	return out, nil
}

// putRewards adds the pack's rewards to the tenant's catalog. A reward the
// tenant already has under that key is left as the tenant edited it.
func (l *Library) putRewards(ctx context.Context, p auth.Principal,
	rewards []ledger.RewardInput) error {
	if l.ledger == nil || len(rewards) == 0 {
		return nil
	}
	have, err := l.ledger.Rewards(ctx, p)
	if err != nil {
		return err
	}
	existing := map[string]bool{}
	for _, r := range have {
		existing[r.Key] = true
	}
	for _, r := range rewards {
		if existing[r.Key] {
			continue
		}
		if _, err := l.ledger.PutReward(ctx, p, r); err != nil {
			return fmt.Errorf("adding reward %s: %w", r.Key, err)
		}
	}
	return nil
}
