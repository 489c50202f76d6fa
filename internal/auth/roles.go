package auth

import "slices"

// Role is a named set of permissions a person holds in their tenant.
type Role string

// The roles of PRODUCT.md.
const (
	Owner       Role = "owner"
	Admin       Role = "admin"
	Implementer Role = "implementer"
	Supervisor  Role = "supervisor"
	Rep         Role = "rep"
	Service     Role = "service"
	Marketing   Role = "marketing"
)

// Roles lists every role, most powerful first.
var Roles = []Role{Owner, Admin, Implementer, Supervisor, Rep, Service, Marketing}

// ValidRole reports whether r is a known role.
func ValidRole(r Role) bool { return slices.Contains(Roles, r) }

// Permission names one thing a route or job may do.
type Permission string

// The permissions. Reading one's own profile and the directory of colleagues
// needs no permission beyond being signed in.
const (
	// ManageUsers: invite people, change roles, managers, teams, disable.
	ManageUsers Permission = "users.manage"
	// ManageTokens: create and revoke API tokens.
	ManageTokens Permission = "tokens.manage"
	// ManageTenant: rename the organisation, change tenant-wide settings.
	ManageTenant Permission = "tenant.manage"
	// WriteDefinitions: change forms, processes, dashboards and packs.
	WriteDefinitions Permission = "definitions.write"
	// AdvanceClock: move the manual clock of a demo or test server.
	AdvanceClock Permission = "clock.advance"
	// ReadAudit: read the audit log.
	ReadAudit Permission = "audit.read"
)

// grants is the one table of who may do what.
var grants = map[Role][]Permission{
	Owner: {ManageUsers, ManageTokens, ManageTenant, WriteDefinitions,
		AdvanceClock, ReadAudit},
	Admin:       {ManageUsers, ManageTokens, WriteDefinitions, ReadAudit},
	Implementer: {WriteDefinitions},
}

// Can reports whether a holder of roles has permission p.
func Can(roles []Role, p Permission) bool {
	for _, r := range roles {
		if slices.Contains(grants[r], p) {
			return true
		}
	}
	return false
}
