/**
 * The administration screens' strings (namespace "admin") for teams,
 * calendars and the audit log, in zh-CN and en. Import this module for its
 * side effect: it adds the bundles to the app's i18next instance.
 */
import i18n from '../i18n';

/** NS is the i18next namespace of the administration screens. */
export const NS = 'admin';

const en = {
  tabs: { teams: 'Teams', audit: 'Audit log' },
  teams: {
    empty: 'Nobody has a team yet. Give people a team to see it here.',
    no_team: 'No team', supervisor: 'Supervisor', no_supervisor: 'No supervisor',
    members: '{{count}} members', member: 'Member', manager: 'Manager', team: 'Team',
    edit: 'Change team', edit_title: 'Team and manager of {{name}}', saved: 'Saved',
    calendar_note: 'Deadlines use the calendar listing the assignee’s team when a step ' +
      'leaves its calendar to the team, else the calendar the step names.',
    cycle: 'This would make {{name}} their own manager.',
  },
  calendars: {
    add: 'New calendar', edit: 'Edit', back: 'All calendars', key: 'Key', name_en: 'Name (English)',
    name_zh: 'Name (Chinese)', time_zone: 'Time zone', hours: 'Working hours',
    hours_hint: 'Intervals such as 09:00-12:00, 13:30-18:00; empty means a day off.',
    holidays: 'Holidays', make_up_days: 'Make-up working days',
    dates_hint: 'Dates written 2026-10-01; type one and press Enter.',
    closures: 'Closures', closure_add: 'Add a closure', closure_start: 'From',
    closure_end: 'To', closure_name: 'Name', remove: 'Remove', save: 'Save draft',
    publish: 'Save and publish', saved: 'Draft saved', published: 'Published version {{version}}',
    invalid: 'Fix the marked fields first.', checking: 'Checking…', valid: 'No problems found',
    bad_hours: 'Write intervals as 09:00-12:00, separated by commas.',
    new_title: 'New calendar', not_found: 'This calendar does not exist.',
    conflict: 'Someone else saved this calendar meanwhile. Reload to see their change.',
    reload: 'Reload',
    teams: 'Teams', teams_none: 'For no team in particular',
    teams_hint: 'Steps that leave their calendar to the team use this one for people in ' +
      'these teams. Pick a team or type a name and press Enter.',
  },
  weekday: { monday: 'Monday', tuesday: 'Tuesday', wednesday: 'Wednesday',
    thursday: 'Thursday', friday: 'Friday', saturday: 'Saturday', sunday: 'Sunday' },
  audit: {
    empty: 'No entries match these filters.', unavailable: 'This server does not keep an ' +
      'audit log yet.', at: 'Time', actor: 'Who', action: 'Action', object: 'Object',
    summary: 'Details', outcome: 'Outcome', ip: 'IP address', all: 'All', more: 'Load more',
    range: 'Period', outcome_ok: 'Done', outcome_denied: 'Denied', filters: 'Filters',
    any_action: 'Any action', any_actor: 'Anyone', any_object: 'Any object',
  },
  object: { form: 'Form', process: 'Process', dashboard: 'Dashboard', calendar: 'Calendar',
    app: 'App', template: 'Template pack', user: 'Person', token: 'API token',
    plugin_instance: 'Plugin', tenant: 'Organisation', record: 'Record', task: 'Task' },
  action: {
    definition_: 'Any definition change', user_: 'Any change to people',
    token_: 'Any token change', plugin_instance_: 'Any plugin change',
    auth_: 'Any sign-in event',
    definition_save: 'Definition saved', definition_publish: 'Definition published',
    definition_delete: 'Definition deleted', user_create: 'Person added',
    user_update: 'Person changed', token_create: 'API token created',
    token_revoke: 'API token revoked', plugin_instance_create: 'Plugin configured',
    plugin_instance_update: 'Plugin settings changed',
    plugin_instance_delete: 'Plugin removed', webhook_rotate: 'Webhook secret rotated',
    auth_login_failed: 'Failed sign-in', auth_lockout: 'Account locked',
    auth_reset_requested: 'Password reset requested',
    auth_password_reset: 'Password reset', access_denied: 'Access denied',
    tenant_update: 'Organisation changed', signing_key_read: 'Signing key read',
  },
};

type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };

const zh: Shape<typeof en> = {
  tabs: { teams: '团队', audit: '审计日志' },
  teams: {
    empty: '还没有人设置团队。为成员设置团队后会显示在这里。', no_team: '未分组',
    supervisor: '主管', no_supervisor: '暂无主管', members: '{{count}} 名成员', member: '成员',
    manager: '直属主管', team: '团队', edit: '调整团队', edit_title: '{{name}} 的团队和主管',
    saved: '已保存',
    calendar_note: '流程步骤未指定日历或指定按团队时，时限使用包含处理人所在团队的日历；' +
      '否则使用步骤指定的日历。',
    cycle: '这样 {{name}} 会成为自己的主管。',
  },
  calendars: {
    add: '新建日历', edit: '编辑', back: '全部日历', key: '标识', name_en: '名称（英文）',
    name_zh: '名称（中文）', time_zone: '时区', hours: '工作时间',
    hours_hint: '填写时段，如 09:00-12:00, 13:30-18:00；留空表示休息日。',
    holidays: '节假日', make_up_days: '调休上班日',
    dates_hint: '日期格式为 2026-10-01，输入后按回车。', closures: '停工期',
    closure_add: '添加停工期', closure_start: '开始', closure_end: '结束', closure_name: '名称',
    remove: '删除', save: '保存草稿', publish: '保存并发布', saved: '草稿已保存',
    published: '已发布版本 {{version}}', invalid: '请先修正标出的字段。', checking: '检查中…',
    valid: '未发现问题', bad_hours: '时段请写成 09:00-12:00，多个时段用逗号分隔。',
    new_title: '新建日历', not_found: '该日历不存在。',
    conflict: '在此期间有人保存了该日历。请刷新查看对方的修改。', reload: '刷新',
    teams: '适用团队', teams_none: '不限团队',
    teams_hint: '未指定日历（或指定按团队）的流程步骤，对这些团队的成员使用此日历。可选择团队，' +
      '也可输入名称后按回车。',
  },
  weekday: { monday: '周一', tuesday: '周二', wednesday: '周三', thursday: '周四',
    friday: '周五', saturday: '周六', sunday: '周日' },
  audit: {
    empty: '没有符合条件的记录。', unavailable: '此服务器尚未提供审计日志。', at: '时间',
    actor: '操作人', action: '操作', object: '对象', summary: '详情', outcome: '结果',
    ip: 'IP 地址', all: '全部', more: '加载更多', range: '时间范围', outcome_ok: '成功',
    outcome_denied: '被拒绝', filters: '筛选', any_action: '全部操作', any_actor: '所有人',
    any_object: '全部对象',
  },
  object: { form: '表单', process: '流程', dashboard: '看板', calendar: '日历', app: '应用',
    template: '模板包', user: '成员', token: 'API 令牌', plugin_instance: '插件',
    tenant: '组织', record: '记录', task: '任务' },
  action: {
    definition_: '所有定义变更', user_: '所有成员变更', token_: '所有令牌变更',
    plugin_instance_: '所有插件变更', auth_: '所有登录事件',
    definition_save: '保存定义', definition_publish: '发布定义',
    definition_delete: '删除定义', user_create: '添加成员', user_update: '修改成员',
    token_create: '创建 API 令牌', token_revoke: '吊销 API 令牌',
    plugin_instance_create: '配置插件', plugin_instance_update: '修改插件设置',
    plugin_instance_delete: '移除插件', webhook_rotate: '轮换 Webhook 密钥',
    auth_login_failed: '登录失败', auth_lockout: '账号锁定',
    auth_reset_requested: '申请重置密码', auth_password_reset: '重置密码',
    access_denied: '拒绝访问', tenant_update: '修改组织信息',
    signing_key_read: '查看签名密钥',
  },
};

i18n.addResourceBundle('en', NS, en, true, true);
i18n.addResourceBundle('zh-CN', NS, zh, true, true);

/** bundles are the strings, for the test that both locales have every key. */
export const bundles = { en, 'zh-CN': zh };
