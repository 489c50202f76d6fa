// Package wecom owns the WeCom (企业微信) channels: the group robot (text
// and markdown with mentions, posted to the robot's webhook) and app
// messages (an access token from gettoken, cached per tenant and app, then
// message/send as text, markdown, textcard or a task card whose button
// UpdateTaskCard greys out once the task is done).
package wecom
