// Package wecom owns the WeCom (企业微信) group robot channel: text and
// markdown messages with mentions, posted to the robot's webhook. App
// messages with access tokens are not here yet.
package wecom
