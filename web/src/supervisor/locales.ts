/**
 * The supervisor's escalation and coaching strings (namespace
 * "supervisor"), in zh-CN and en. Import this module for its side effect:
 * it adds the bundles to the app's i18next instance.
 */
import i18n from '../i18n';

/** NS is the i18next namespace of the supervisor's screens. */
export const NS = 'supervisor';

const en = {
  tabs: { escalations: 'Escalations', coaching: 'Coaching' },
  escalations: {
    empty: 'Nothing was escalated or copied to you.', reason_copied: 'Copied to me',
    reason_handed: 'Handed to me by {{name}}',
    note: 'Open tasks that reached you from someone else.',
    level_one: 'Escalated {{count}} level', level_other: 'Escalated {{count}} levels',
    from: 'From {{name}}', original: 'Original task: {{title}}',
  },
  coaching: {
    empty: 'No coaching task is open for your team.', rep: 'Rep: {{name}}',
    why: 'Why: {{why}}', silent: 'No activity since {{at}}', stage: 'Stage: {{stage}}',
    note: 'Open tasks whose outcome can be "coached", with the rep they are about.',
  },
};

type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };

const zh: Shape<typeof en> = {
  tabs: { escalations: '升级与抄送', coaching: '辅导' },
  escalations: {
    empty: '暂无升级或抄送给你的工作。', reason_copied: '抄送给我',
    reason_handed: '{{name}} 转办给我',
    note: '从他人那里流转到你手上的进行中任务。',
    level_one: '升级 {{count}} 级', level_other: '升级 {{count}} 级',
    from: '来自 {{name}}', original: '原任务：{{title}}',
  },
  coaching: {
    empty: '你的团队暂无待辅导的任务。', rep: '销售：{{name}}', why: '原因：{{why}}',
    silent: '自 {{at}} 起无跟进', stage: '阶段：{{stage}}',
    note: '结果可为“已辅导”的进行中任务，以及它涉及的销售。',
  },
};

i18n.addResourceBundle('en', NS, en, true, true);
i18n.addResourceBundle('zh-CN', NS, zh, true, true);

/** bundles are the strings, for the test that both locales have every key. */
export const bundles = { en, 'zh-CN': zh };
