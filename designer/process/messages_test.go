package process

import (
	"os"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/formworkhq/formwork/internal/i18n"
)

// sampleParams fill every placeholder a lint message may have.
var sampleParams = i18n.Params{
	"subject": Text{i18n.English: "First follow-up", i18n.Chinese: "首次跟进"},
	"value":   "2 hours",
	"setting": settingKey("due"),
	"other":   settingKey("until"),
	"allowed": "owner, owner_manager, role",
	"from":    Text{i18n.English: "First follow-up", i18n.Chinese: "首次跟进"},
	"join":    Text{i18n.English: "All checks done", i18n.Chinese: "检查全部完成"},
	"nodes":   Text{i18n.English: "“Call”, “Wait”", i18n.Chinese: "“致电”、“等待”"},
	"detail": Text{i18n.English: "The expression names \"record.nope\", which is not a field here",
		i18n.Chinese: "表达式引用了“record.nope”，但这里没有这个字段"},
	"want":   "number",
	"got":    "string",
	"at":     7,
	"name":   "record.nope",
	"locale": i18n.Chinese,
	"field":  "company",
	"form":   "lead",
	"plugin": "kingdee",
}

// edgeSubject is how a connection is named in samples.
var edgeSubject = Text{i18n.English: "First follow-up → Tell the supervisor",
	i18n.Chinese: "首次跟进 → 通知主管"}

// sampleOverrides make each sample read like a real finding.
var sampleOverrides = map[string]i18n.Params{
	CodeRequired:                {"setting": settingKey("assignee_rule")},
	CodeInvalidID:               {"value": "first follow-up"},
	CodeDuplicateNodeID:         {"value": "first_follow_up"},
	CodeDuplicateEdgeID:         {"value": "e_followed"},
	CodeEdgeUnknownNode:         {"subject": edgeSubject, "value": "notify_boss"},
	CodeTriggerHasIncoming:      {"subject": edgeSubject},
	CodeEndHasOutgoing:          {"subject": edgeSubject},
	CodeMultipleOutgoing:        {"subject": edgeSubject},
	CodeGatewayMissingCondition: {"subject": edgeSubject},
	CodeGatewayMultipleDefaults: {"subject": edgeSubject},
	CodeDefaultHasCondition:     {"subject": edgeSubject},
	CodeConditionNotAllowed:     {"subject": edgeSubject},
	CodeDefaultNotAllowed:       {"subject": edgeSubject},
	CodeSplitBranchSkipsJoin:    {"subject": edgeSubject},
	CodeBoundaryNotFromTask:     {"subject": edgeSubject},
	CodeBoundaryOnNormalEdge:    {"subject": edgeSubject},
	CodeInvalidValue: {"value": "boss", "setting": settingKey("assignee_rule"),
		"allowed": "owner, owner_manager, role, round_robin, least_loaded, user"},
	CodeSettingNotUsed:      {"setting": settingKey("team")},
	CodeConflictingSettings: {"setting": settingKey("duration"), "other": settingKey("until")},
	CodeDuplicateValue:      {"value": "view", "setting": settingKey("activities")},
	CodeDuplicateOutcome:    {"value": "reached"},
	CodeDurationOutOfRange:  {"value": "400d"},
	CodeInvalidOffset:       {"value": "-yesterday"},
	CodeInvalidCron:         {"value": "0 9 * *"},
	CodeCronNeverFires:      {"value": "0 0 30 2 *"},
	CodeMissingLocale:       {"setting": settingKey("message")},
	CodeNeedsTask:           {"setting": settingKey("recipient_kind")},
	CodeInvalidWebhookURL:   {"value": "http://example.com/hook"},
	CodeUnknownForm:         {"value": "follow_up_v2"},
	CodeUnknownField:        {"value": "budget"},
	CodeUnknownStage:        {"value": "dreaming", "allowed": "new, contacted, won, lost"},
	CodeUnknownRole:         {"value": "regional_manager"},
	CodeUnknownUser:         {"value": "u_1042"},
	CodeUnknownTeam:         {"value": "east_sales"},
	CodeUnknownChannel:      {"value": "wecom_sales"},
	CodeUnknownPlugin:       {"value": "sap"},
	CodeUnknownAction:       {"value": "push_invoice"},
	CodeUnknownCalendar:     {"value": "cn_workdays"},
	CodeUnknownProcess:      {"value": "supervisor_intervention"},
	CodeUnknownLedger:       {"value": "process_points"},
}

// sample returns the sample parameters of code.
func sample(code string) i18n.Params {
	p := i18n.Params{}
	for k, v := range sampleParams {
		p[k] = v
	}
	for k, v := range sampleOverrides[code] {
		p[k] = v
	}
	return p
}

// TestLintMessagesGolden writes every lint message in both locales with
// sample parameters to testdata/lint_messages.golden.
func TestLintMessagesGolden(t *testing.T) {
	var codes []string
	for key := range lintMessages {
		codes = append(codes, strings.TrimPrefix(key, "process.lint."))
	}
	sort.Strings(codes)

	var b strings.Builder
	for _, code := range codes {
		f := Finding{Code: code, Severity: severityOf(code), Params: sample(code)}
		b.WriteString("## " + code + " (" + string(f.Severity) + ")\n")
		for _, l := range i18n.Locales {
			b.WriteString(string(l) + ": " + f.Message(l) + "\n")
		}
		b.WriteString("\n")
	}
	compareGolden(t, "testdata/lint_messages.golden", b.String())
}

// compareGolden compares got with the golden file, or rewrites it.
func compareGolden(t *testing.T, path, got string) {
	t.Helper()
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatalf("writing %s: %v", path, err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("reading %s (run with -update to create it): %v", path, err)
	}
	if diff := cmp.Diff(string(want), got); diff != "" {
		t.Errorf("%s is out of date (-want +got), run with -update:\n%s", path, diff)
	}
}

// TestMessagesComplete checks that every key this package registers has
// both locales, different from each other, and that no message is left
// with a placeholder the samples do not fill.
func TestMessagesComplete(t *testing.T) {
	for _, group := range []map[string]map[i18n.Locale]string{lintMessages, settingLabels,
		kindLabels, diffMessages, otherMessages} {
		for key, msgs := range group {
			if msgs[i18n.English] == "" || msgs[i18n.Chinese] == "" {
				t.Errorf("%s lacks a locale", key)
			}
			if msgs[i18n.English] == msgs[i18n.Chinese] {
				t.Errorf("%s: the zh-CN message is the English one", key)
			}
		}
	}

	for code := range warningCodes {
		if _, ok := lintMessages["process.lint."+code]; !ok {
			t.Errorf("warning code %s has no message", code)
		}
	}
	for _, k := range Kinds() {
		if !i18n.Has("process.kind." + string(k)) {
			t.Errorf("kind %s has no label", k)
		}
	}
}

// TestEveryConfigKeyHasLabel checks that Diff can name every config key.
func TestEveryConfigKeyHasLabel(t *testing.T) {
	for _, k := range Kinds() {
		ct, _ := configType(k)
		for key := range jsonFields(ct) {
			label := settingLabelOf(k, key)
			if !i18n.Has("process.setting." + label) {
				t.Errorf("%s config key %q has no setting label", k, key)
			}
		}
	}
}
