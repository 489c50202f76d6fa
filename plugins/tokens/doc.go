// Package tokens caches vendors' access tokens (WeCom, DingTalk) per
// tenant, plugin instance and app credentials. A token is fetched once
// for all concurrent senders, refreshed at 80 % of its lifetime, dropped
// when the vendor says it is invalid, and never logged nor put in errors.
package tokens
