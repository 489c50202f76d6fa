// Package dingtalk owns the DingTalk (钉钉) channels: the custom robot
// (text and markdown with at-mentions, posted to the group robot's webhook
// with the signed-URL scheme: timestamp in milliseconds, HMAC-SHA256) and
// work notifications (an access token cached per tenant and app, then
// corpconversation asyncsend_v2 as text, markdown, action card or OA).
//
// Once the task of an OA message is done, UpdateCard sets its status bar
// with status_bar/update. DingTalk offers no update of an action card,
// only its recall, so action cards are left as they are.
package dingtalk
