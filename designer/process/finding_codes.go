package process

// Lint finding codes. Each has a message per locale under
// "process.lint.<code>" and a test of its own.
const (
	// The shape of the graph.
	CodeEmptyGraph         = "empty_graph"
	CodeRequired           = "required"
	CodeInvalidID          = "invalid_id"
	CodeDuplicateNodeID    = "duplicate_node_id"
	CodeDuplicateEdgeID    = "duplicate_edge_id"
	CodeEdgeUnknownNode    = "edge_unknown_node"
	CodeNoTrigger          = "no_trigger"
	CodeMultipleTriggers   = "multiple_triggers"
	CodeTriggerHasIncoming = "trigger_has_incoming"
	CodeUnreachableNode    = "unreachable_node"
	CodeNoEnd              = "no_end"
	CodeClosedCycle        = "closed_cycle"
	CodeCycleWithoutWait   = "cycle_without_wait"
	CodeEndHasOutgoing     = "end_has_outgoing"
	CodeMissingOutgoing    = "missing_outgoing"
	CodeMultipleOutgoing   = "multiple_outgoing"

	// Decisions, parallel branches and deadlines.
	CodeGatewayTooFewBranches   = "gateway_too_few_branches"
	CodeGatewayMissingCondition = "gateway_missing_condition"
	CodeGatewayMissingDefault   = "gateway_missing_default"
	CodeGatewayMultipleDefaults = "gateway_multiple_defaults"
	CodeDefaultHasCondition     = "default_has_condition"
	CodeConditionNotAllowed     = "edge_condition_not_allowed"
	CodeDefaultNotAllowed       = "edge_default_not_allowed"
	CodeSplitTooFewBranches     = "split_too_few_branches"
	CodeJoinTooFewBranches      = "join_too_few_branches"
	CodeJoinWithoutSplit        = "join_without_split"
	CodeJoinMismatchedSplit     = "join_mismatched_split"
	CodeSplitBranchSkipsJoin    = "split_branch_skips_join"
	CodeBoundaryReachesJoin     = "boundary_reaches_join"
	CodeBoundaryNotFromTask     = "boundary_not_from_user_task"
	CodeBoundaryOnNormalEdge    = "boundary_setting_on_normal_edge"

	// Settings of nodes and edges.
	CodeInvalidValue         = "invalid_value"
	CodeSettingNotUsed       = "setting_not_used"
	CodeConflictingSettings  = "conflicting_settings"
	CodeDuplicateValue       = "duplicate_value"
	CodeDuplicateOutcome     = "duplicate_outcome"
	CodeInvalidDuration      = "invalid_duration"
	CodeDurationOutOfRange   = "duration_out_of_range"
	CodeInvalidOffset        = "invalid_offset"
	CodeOffsetNeedsUntil     = "offset_needs_until"
	CodeInvalidCron          = "invalid_cron"
	CodeCronNeverFires       = "cron_never_fires"
	CodeInvalidExpression    = "invalid_expression"
	CodeExpressionType       = "expression_type"
	CodeInvalidTemplate      = "invalid_template"
	CodeUnknownTemplateField = "unknown_template_field"
	CodeMissingLocale        = "missing_locale"
	CodeNeedsRecord          = "needs_record"
	CodeNeedsTask            = "needs_task"
	CodeFieldNotDate         = "field_not_date"
	CodeFieldNotRecordLink   = "field_not_record_link"
	CodeInvalidWebhookURL    = "invalid_webhook_url"

	// References to other definitions.
	CodeUnknownForm     = "unknown_form"
	CodeUnknownField    = "unknown_field"
	CodeUnknownStage    = "unknown_stage"
	CodeUnknownRole     = "unknown_role"
	CodeUnknownUser     = "unknown_user"
	CodeUnknownTeam     = "unknown_team"
	CodeUnknownChannel  = "unknown_channel"
	CodeUnknownPlugin   = "unknown_plugin"
	CodeUnknownAction   = "unknown_action"
	CodeUnknownCalendar = "unknown_calendar"
	CodeUnknownProcess  = "unknown_process"
	CodeUnknownLedger   = "unknown_ledger"
)

// warningCodes are the codes reported as warnings; all others are errors.
var warningCodes = map[string]bool{
	CodeSettingNotUsed: true,
	CodeDuplicateValue: true,
	CodeMissingLocale:  true,
}

func severityOf(code string) Severity {
	if warningCodes[code] {
		return SeverityWarning
	}
	return SeverityError
}

// unknownCodes maps a reference kind to the code of its unknown key.
var unknownCodes = map[RefKind]string{
	RefForm:     CodeUnknownForm,
	RefRole:     CodeUnknownRole,
	RefUser:     CodeUnknownUser,
	RefTeam:     CodeUnknownTeam,
	RefChannel:  CodeUnknownChannel,
	RefPlugin:   CodeUnknownPlugin,
	RefCalendar: CodeUnknownCalendar,
	RefProcess:  CodeUnknownProcess,
	RefLedger:   CodeUnknownLedger,
}
