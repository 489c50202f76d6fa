package designer

import "sort"

// kindSpecs maps every kind to what checks and compares its content.
func (s *Service) kindSpecs() map[Kind]kindSpec {
	return map[Kind]kindSpec{
		KindDashboard: dashboardSpec{},
		KindCalendar:  calendarSpec{},
		KindForm:      formSpec{},
		KindProcess:   processSpec{svc: s},
	}
}

func sortedLocales(t Text) []string {
	out := make([]string, 0, len(t))
	for k := range t {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
