// Package feishu owns the Feishu/Lark (飞书) custom bot channel: text
// messages and interactive cards with URL buttons, posted to the bot's
// webhook with the timestamp and signature in the body.
package feishu
