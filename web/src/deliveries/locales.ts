/**
 * The delivery log's strings (namespace "deliveries") in zh-CN and en.
 * Import this module for its side effect: it adds the bundles to the app's
 * i18next instance.
 */
import i18n from '../i18n';

/** NS is the i18next namespace of the delivery screens. */
export const NS = 'deliveries';

const en = {
  tab: 'Deliveries',
  empty: 'No messages match these filters.',
  record_empty: 'No messages have been sent for this record.',
  filters: 'Filters', any_status: 'Any status', any_channel: 'Any channel',
  record: 'Record id', more: 'Load more',
  col: { created: 'Queued', channel: 'Channel', kind: 'Kind', recipients: 'Recipients',
    status: 'Status', attempts: 'Attempts', error: 'Last error', vendor: 'Vendor ids',
    actions: 'Actions' },
  status: { pending: 'Pending', sending: 'Sending', delivered: 'Delivered', failed: 'Failed',
    dead: 'Gave up' },
  kind: { notify: 'Notification', call_action: 'Action call', create_ticket: 'Ticket',
    create_record: 'Record creation', award_points: 'Points', update_cards: 'Card update' },
  channel: { in_app: 'In-app', wecom: 'WeCom', dingtalk: 'DingTalk', feishu: 'Feishu',
    email: 'E-mail', webhook: 'Webhook', action: 'Plugin action', card_update: 'Card update',
    create_record: 'Record creation' },
  delivered_at: 'Delivered {{at}}',
  attempts: '{{count}} attempts',
  retry: 'Retry', retry_title: 'Send this message again?',
  retry_body: 'The {{channel}} message to {{recipients}} is queued again with a fresh count ' +
    'of attempts.',
  retried: 'Queued again: {{status}}',
  refused_title: '{{count}} recipients refused',
  incidents: {
    title: 'Channels that keep failing',
    banner: '{{count}} messages gave up after every retry.',
    reason: 'Reason', message: 'Message',
    show: 'Show only messages of {{channel}}',
  },
  record_title: 'Messages sent',
};

type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };

const zh: Shape<typeof en> = {
  tab: '消息投递',
  empty: '没有符合条件的消息。',
  record_empty: '此记录还没有发送过消息。',
  filters: '筛选', any_status: '全部状态', any_channel: '全部渠道',
  record: '记录 ID', more: '加载更多',
  col: { created: '入队时间', channel: '渠道', kind: '类型', recipients: '接收人',
    status: '状态', attempts: '尝试次数', error: '最近错误', vendor: '服务商消息 ID',
    actions: '操作' },
  status: { pending: '待发送', sending: '发送中', delivered: '已送达', failed: '发送失败',
    dead: '已放弃' },
  kind: { notify: '通知', call_action: '调用动作', create_ticket: '工单',
    create_record: '创建记录', award_points: '积分', update_cards: '更新卡片' },
  channel: { in_app: '站内', wecom: '企业微信', dingtalk: '钉钉', feishu: '飞书',
    email: '邮件', webhook: 'Webhook', action: '插件动作', card_update: '更新卡片',
    create_record: '创建记录' },
  delivered_at: '{{at}} 送达',
  attempts: '已尝试 {{count}} 次',
  retry: '重试', retry_title: '重新发送这条消息？',
  retry_body: '发给 {{recipients}} 的{{channel}}消息将重新排队，尝试次数从零开始计算。',
  retried: '已重新排队：{{status}}',
  refused_title: '{{count}} 位接收人被拒收',
  incidents: {
    title: '持续失败的渠道',
    banner: '有 {{count}} 条消息在多次重试后仍失败，已放弃发送。',
    reason: '原因', message: '消息',
    show: '只看 {{channel}} 的消息',
  },
  record_title: '已发送的消息',
};

i18n.addResourceBundle('en', NS, en, true, true);
i18n.addResourceBundle('zh-CN', NS, zh, true, true);

/** bundles are the strings, for the test that both locales have every key. */
export const bundles = { en, 'zh-CN': zh };
