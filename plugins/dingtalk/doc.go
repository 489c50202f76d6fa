// Package dingtalk owns the DingTalk (钉钉) custom robot channel: text and
// markdown messages with at-mentions, posted to the group robot's webhook
// with the signed-URL scheme (timestamp in milliseconds, HMAC-SHA256).
package dingtalk
