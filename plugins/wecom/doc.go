// Package wecom owns the WeCom (企业微信) channels: the group robot (text
// and markdown with mentions, posted to the robot's webhook) and app
// messages (an access token from gettoken, cached per tenant and app, then
// message/send as text, markdown, textcard or a task card whose button
// UpdateCard greys out once the task is done).
//
// An app message goes in batches of at most 1,000 users and 100
// departments, message/send's limits. Recipients WeCom names in
// invaliduser, invalidparty or unlicenseduser are reported as refused (an
// outbox.PartialError) while the rest of the message counts as delivered.
package wecom
