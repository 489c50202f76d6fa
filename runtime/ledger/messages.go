package ledger

import (
	"github.com/formworkhq/formwork/internal/i18n"
	"github.com/formworkhq/formwork/internal/problem"
)

func init() {
	i18n.Register(map[string]map[i18n.Locale]string{
		"ledger.balance_too_low": {
			i18n.English: "Not enough points: this reward costs {cost} and you have {balance}.",
			i18n.Chinese: "积分不足：兑换该奖品需要 {cost} 积分，您当前有 {balance} 积分。",
		},
		"ledger.out_of_stock": {
			i18n.English: "This reward is out of stock.",
			i18n.Chinese: "该奖品已兑完。",
		},
		"ledger.reward_not_found": {
			i18n.English: "No such reward.",
			i18n.Chinese: "未找到该奖品。",
		},
		"ledger.catalog_forbidden": {
			i18n.English: "Only people who can change the app's design can edit the reward catalog.",
			i18n.Chinese: "只有可以修改应用设计的人员才能编辑奖品目录。",
		},
		"ledger.zero_points": {
			i18n.English: "Points must not be zero.",
			i18n.Chinese: "积分不能为零。",
		},
		"ledger.invalid_cost": {
			i18n.English: "The cost must be at least 1 point.",
			i18n.Chinese: "兑换所需积分至少为 1。",
		},
		"ledger.invalid_stock": {
			i18n.English: "The stock cannot be negative; leave it empty for unlimited.",
			i18n.Chinese: "库存不能为负数；不限量请留空。",
		},
	})
}

// fieldError returns a field error whose message is the catalog's key in
// every locale, so that field codes stay short while message keys keep
// this package's prefix.
func fieldError(pointer, code, key string) problem.FieldError {
	msgs := make(map[i18n.Locale]string, len(i18n.Locales))
	for _, l := range i18n.Locales {
		msgs[l] = i18n.T(l, key, nil)
	}

	return problem.FieldError{Pointer: pointer, Code: code, Messages: msgs}
}
