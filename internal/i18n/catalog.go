package i18n

// catalog holds every message of the platform's plumbing: problem titles and
// details, and the codes of per-field errors. Domain packages add their own
// with Register.
var catalog = map[string]map[Locale]string{
	// Problem titles, keyed "problem.<code>".
	"problem.bad_request": {
		English: "The request could not be read",
		Chinese: "无法读取该请求",
	},
	"problem.validation": {
		English: "Some fields are not valid",
		Chinese: "部分字段不符合要求",
	},
	"problem.not_found": {
		English: "Not found",
		Chinese: "未找到",
	},
	"problem.unauthorized": {
		English: "Sign-in required",
		Chinese: "需要登录",
	},
	"problem.forbidden": {
		English: "Not allowed",
		Chinese: "无权执行此操作",
	},
	"problem.conflict": {
		English: "Conflict with the current state",
		Chinese: "与当前状态冲突",
	},
	"problem.too_large": {
		English: "Request body too large",
		Chinese: "请求内容过大",
	},
	"problem.unsupported_media_type": {
		English: "Unsupported content type",
		Chinese: "不支持的内容类型",
	},
	"problem.rate_limited": {
		English: "Too many requests",
		Chinese: "请求过于频繁",
	},
	"problem.unavailable": {
		English: "Service temporarily unavailable",
		Chinese: "服务暂时不可用",
	},
	"problem.internal": {
		English: "Internal error",
		Chinese: "内部错误",
	},
	"problem.method_not_allowed": {
		English: "Method not allowed",
		Chinese: "不支持该请求方法",
	},

	// Problem details, keyed by the domain error's code.
	"request.malformed_json": {
		English: "The body is not valid JSON: {reason}.",
		Chinese: "请求内容不是有效的 JSON：{reason}。",
	},
	"request.invalid_fields": {
		English: "The body has fields that cannot be accepted; see errors.",
		Chinese: "部分字段不符合要求，请按各字段的提示修改。",
	},
	"request.body_too_large": {
		English: "The body is larger than the limit of {limit} bytes.",
		Chinese: "请求内容超过了 {limit} 字节的上限。",
	},
	"request.json_required": {
		English: "Send the body as application/json.",
		Chinese: "请以 application/json 格式发送请求内容。",
	},
	"request.empty_body": {
		English: "The body is empty; a JSON object is expected.",
		Chinese: "请求内容为空，需要一个 JSON 对象。",
	},
	"request.invalid_cursor": {
		English: "The cursor is not valid; start again from the first page.",
		Chinese: "分页游标无效，请从第一页重新开始。",
	},
	"request.invalid_if_match": {
		English: "If-Match must name a revision, like \"3\".",
		Chinese: "If-Match 必须是修订号，例如 \"3\"。",
	},
	"request.invalid_query": {
		English: "The query parameter {name} is not valid.",
		Chinese: "查询参数 {name} 无效。",
	},
	"route.not_found": {
		English: "There is nothing at {path}.",
		Chinese: "{path} 不存在。",
	},
	"route.method_not_allowed": {
		English: "{path} does not accept {method}.",
		Chinese: "{path} 不接受 {method} 请求。",
	},
	"auth.missing": {
		English: "Sign in, or send a bearer token in the Authorization header.",
		Chinese: "请先登录，或在 Authorization 请求头中携带 Bearer 令牌。",
	},
	"auth.invalid_token": {
		English: "The token is not valid, has expired or was revoked.",
		Chinese: "令牌无效、已过期或已被撤销。",
	},
	"auth.bad_credentials": {
		English: "The e-mail or password is not correct.",
		Chinese: "邮箱或密码不正确。",
	},
	"auth.locked": {
		English: "Too many failed sign-ins; try again in {minutes} minutes.",
		Chinese: "登录失败次数过多，请在 {minutes} 分钟后重试。",
	},
	"auth.disabled": {
		English: "This account is disabled; ask an administrator.",
		Chinese: "该账号已停用，请联系管理员。",
	},
	"auth.csrf": {
		English: "Requests with a session cookie must carry the X-CSRF-Token header.",
		Chinese: "使用会话 Cookie 的请求必须携带 X-CSRF-Token 请求头。",
	},
	"auth.forbidden": {
		English: "Your roles do not allow this ({permission}).",
		Chinese: "您的角色无权执行此操作（{permission}）。",
	},
	"auth.rate_limited": {
		English: "Too many attempts from your address; wait {seconds} seconds.",
		Chinese: "您的地址尝试次数过多，请等待 {seconds} 秒。",
	},
	"signup.closed": {
		English: "Sign-up is closed on this server; ask its administrator.",
		Chinese: "本服务器已关闭注册，请联系管理员。",
	},
	"user.not_found": {
		English: "No such user.",
		Chinese: "用户不存在。",
	},
	"token.not_found": {
		English: "No such token.",
		Chinese: "令牌不存在。",
	},
	"idempotency.mismatch": {
		English: "This Idempotency-Key was already used with a different request.",
		Chinese: "该 Idempotency-Key 已用于另一个不同的请求。",
	},
	"idempotency.in_progress": {
		English: "A request with this Idempotency-Key is still being processed.",
		Chinese: "使用该 Idempotency-Key 的请求仍在处理中。",
	},
	"idempotency.invalid_key": {
		English: "The Idempotency-Key must be 1 to 255 visible ASCII characters.",
		Chinese: "Idempotency-Key 必须是 1 到 255 个可见 ASCII 字符。",
	},
	"store.unavailable": {
		English: "The {store} store is unavailable; retry in a few seconds.",
		Chinese: "{store} 存储暂时不可用，请几秒后重试。",
	},
	"internal.error": {
		English: "Something went wrong on our side; the request id helps support find it.",
		Chinese: "服务器内部出错，请提供请求编号以便排查。",
	},

	// Per-field error codes, keyed "field.<code>".
	"field.required": {
		English: "This field is required.",
		Chinese: "此字段为必填项。",
	},
	"field.unknown": {
		English: "This field is not accepted here.",
		Chinese: "此处不接受该字段。",
	},
	"field.wrong_type": {
		English: "Expected {expected}, got {got}.",
		Chinese: "应为 {expected}，实际为 {got}。",
	},
	"field.invalid_key": {
		English: "Keys may not start with \"$\" or contain \".\".",
		Chinese: "键名不能以 \"$\" 开头或包含 \".\"。",
	},
	"field.too_long": {
		English: "At most {max} characters.",
		Chinese: "最多 {max} 个字符。",
	},
	"field.too_short": {
		English: "At least {min} characters.",
		Chinese: "至少 {min} 个字符。",
	},
	"field.invalid_email": {
		English: "Not a valid e-mail address.",
		Chinese: "不是有效的邮箱地址。",
	},
	"field.email_taken": {
		English: "This e-mail address is already registered.",
		Chinese: "该邮箱已被注册。",
	},
	"field.invalid_locale": {
		English: "Use one of: {allowed}.",
		Chinese: "请使用以下之一：{allowed}。",
	},
	"field.invalid_role": {
		English: "Unknown role {role}; use one of: {allowed}.",
		Chinese: "未知角色 {role}，请使用以下之一：{allowed}。",
	},
	"field.role_not_grantable": {
		English: "Only an owner can grant the owner role.",
		Chinese: "只有所有者可以授予所有者角色。",
	},
	"field.unknown_user": {
		English: "No user with this id in your organisation.",
		Chinese: "您的组织中没有该用户。",
	},
	"field.manager_cycle": {
		English: "A person cannot be their own manager, directly or indirectly.",
		Chinese: "不能将某人设为其自身的（直接或间接）上级。",
	},
	"field.duplicate": {
		English: "This value appears more than once.",
		Chinese: "该值出现了多次。",
	},
	"field.advance_or_set": {
		English: "Give either advance (a duration such as 2h) or set (a time), not both.",
		Chinese: "请填写 advance（时长，如 2h）或 set（时间）其中之一。",
	},
	"field.invalid_duration": {
		English: "Not a duration such as 90m, 2h or 3d.",
		Chinese: "不是有效的时长，请写成 90m、2h 或 3d 这样的形式。",
	},
	"field.in_past": {
		English: "This time is in the past.",
		Chinese: "该时间已经过去。",
	},
	"field.last_owner": {
		English: "The organisation must keep at least one active owner.",
		Chinese: "组织必须保留至少一名有效的所有者。",
	},
}
