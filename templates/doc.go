// Package templates owns the template library: packs of definitions
// (forms, processes, dashboards, calendars, rules) shipped inside the
// binary by industry and company size, and the installer that clones a pack
// into a tenant under new ids.
package templates
