package record

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"go.mongodb.org/mongo-driver/v2/bson"

	"github.com/formworkhq/formwork/internal/i18n"
	"github.com/formworkhq/formwork/internal/ids"
	"github.com/formworkhq/formwork/internal/problem"
)

// SearchFields are the data keys a customer search (Query.Search) looks
// in. A form makes a text field searchable by giving it one of these
// well-known keys: the lead pack's company, contact_name and mobile, the
// promise and contract forms' customer, and customer_id for a form that
// stores an external customer number. A fixed list needs no change to the
// form model and keeps every form's search the same. A contains-search in
// any case cannot use an index on the values: the tenant (and form) index
// narrows the scan, and the page limit bounds what is read back.
var SearchFields = []string{"company", "contact_name", "customer", "customer_id", "mobile"}

// Bounds of the search parameters.
const (
	// MaxSearchLen is the most characters Query.Search may have.
	MaxSearchLen = 64
	// MaxIDs is the most ids Query.IDs may name.
	MaxIDs = 100
)

func init() {
	i18n.Register(map[string]map[i18n.Locale]string{
		fieldPrefix + "search_control": {
			i18n.English: "The search text may not contain control characters.",
			i18n.Chinese: "搜索内容不能包含控制字符。",
		},
		fieldPrefix + "too_many_ids": {
			i18n.English: "Name at most {max} records.",
			i18n.Chinese: "最多只能指定 {max} 条记录。",
		},
		fieldPrefix + "invalid_id": {
			i18n.English: "\"{id}\" is not a record id.",
			i18n.Chinese: "“{id}”不是有效的记录编号。",
		},
	})
}

// checkSearch trims s and reports why it cannot be searched for, if it
// cannot: it is too long, not UTF-8 or holds control characters.
func checkSearch(c *problem.Collector, s string) string {
	s = strings.TrimSpace(s)
	switch {
	case !utf8.ValidString(s) || strings.ContainsFunc(s, unicode.IsControl):
		c.AddField(fieldErr("/q", "search_control", nil))
	case utf8.RuneCountInString(s) > MaxSearchLen:
		c.AddField(fieldErr("/q", "too_long", i18n.Params{"max": MaxSearchLen}))
	}
	return s
}

// checkIDs reports the ids that are not record ids, and too many of them.
func checkIDs(c *problem.Collector, list []string) {
	if len(list) > MaxIDs {
		c.AddField(fieldErr("/ids", "too_many_ids", i18n.Params{"max": MaxIDs}))
		return
	}
	for _, id := range list {
		if !ids.Valid(id) {
			c.AddField(fieldErr("/ids", "invalid_id", i18n.Params{"id": id}))
			return
		}
	}
}

// searchPattern is the regular expression that finds s anywhere in a
// value, ignoring case: every character of s is taken literally.
func searchPattern(s string) string {
	return regexp.QuoteMeta(s)
}

// searchFilter keeps the records whose SearchFields contain s. It is an
// $and of one $or, so that it composes with the cursor's own $or.
func searchFilter(s string) bson.E {
	re := bson.Regex{Pattern: searchPattern(s), Options: "i"}
	anyOf := make(bson.A, 0, len(SearchFields))
	for _, k := range SearchFields {
		anyOf = append(anyOf, bson.D{{Key: "data." + k, Value: re}})
	}

	return bson.E{Key: "$and", Value: bson.A{bson.D{{Key: "$or", Value: anyOf}}}}
}
