package calendar

import (
	"slices"

	"github.com/6tail/lunar-go/HolidayUtil"
)

// ChinaKey is the key of the built-in mainland China calendar.
const ChinaKey = "cn"

// ChinaYears are the years whose public holidays and make-up working days
// (调休) China returns. The dates come from github.com/6tail/lunar-go's
// holiday table, which follows the State Council's yearly notices; a new
// year is a dependency upgrade away.
var ChinaYears = []int{2025, 2026, 2027}

// China returns the default working week (Monday to Friday, 09:00–12:00
// and 13:00–18:00, Asia/Shanghai) with mainland China's public holidays as
// days off and its make-up working days as working days, for ChinaYears.
func China() *Calendar {
	c := Default()
	c.Key = ChinaKey
	c.Name = map[string]string{"en": "Mainland China working days", "zh-CN": "中国大陆工作日"}
	for _, y := range ChinaYears {
		off, work := chinaDays(y)
		c.Holidays = append(c.Holidays, off...)
		c.MakeUpDays = append(c.MakeUpDays, work...)
	}
	slices.Sort(c.Holidays)
	slices.Sort(c.MakeUpDays)
	return c
}

// chinaDays returns year's holidays and make-up working days, as
// YYYY-MM-DD dates.
func chinaDays(year int) (off, work []string) {
	for e := HolidayUtil.GetHolidaysByYear(year).Front(); e != nil; e = e.Next() {
		h, ok := e.Value.(*HolidayUtil.Holiday)
		if !ok || len(h.GetDay()) != len("2006-01-02") {
			continue
		}
		if h.IsWork() {
			work = append(work, h.GetDay())
		} else {
			off = append(off, h.GetDay())
		}
	}
	return off, work
}
