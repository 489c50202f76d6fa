// Package plugins owns the plugin contract — channels that deliver
// messages, actions that are a process node's effect, connectors that pull
// and push records of other systems — and the registry the built-in
// plugins add themselves to from init.
package plugins
