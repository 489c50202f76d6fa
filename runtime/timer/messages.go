package timer

import "github.com/formworkhq/formwork/internal/i18n"

func init() { i18n.Register(messages) }

// messages are the refusals the timer service returns.
var messages = map[string]map[i18n.Locale]string{
	"timer.not_found": {
		i18n.English: "This timer does not exist.",
		i18n.Chinese: "该定时器不存在。",
	},
	"timer.already_fired": {
		i18n.English: "This timer has already fired and can no longer be changed.",
		i18n.Chinese: "该定时器已经触发，不能再修改。",
	},
	"timer.already_cancelled": {
		i18n.English: "This timer has been cancelled and can no longer be changed.",
		i18n.Chinese: "该定时器已被取消，不能再修改。",
	},
	"timer.busy": {
		i18n.English: "This timer is being changed by someone else right now; please try again.",
		i18n.Chinese: "该定时器正被其他操作修改，请稍后重试。",
	},
	"timer.id_taken": {
		i18n.English: "A timer with this id already exists.",
		i18n.Chinese: "已存在相同编号的定时器。",
	},
}
