/**
 * The dashboards' strings (namespace "dashboards"), in zh-CN and en. Import
 * this module for its side effect: it adds the bundles to the app's
 * i18next instance.
 */
import i18n from '../i18n';

/** NS is the i18next namespace of the dashboards. */
export const NS = 'dashboards';

const en = {
  list: {
    title: 'Dashboards', empty: 'No dashboards yet. Install a template pack to get some.',
    open: 'Open', notPublished: 'Not published yet', version: 'Version {{version}}',
  },
  page: {
    back: 'All dashboards', refresh: 'Refresh', range: 'Date range', from: 'From', to: 'To',
    all: 'All', empty: 'This dashboard has no widgets.', notFound: 'This dashboard does not exist.',
    period: '{{from}} to {{to}}', filters: 'Filters',
  },
  widget: {
    noData: 'No figures for this period.', unsupported: 'Not available: {{reason}}',
    capped: 'At least this many (the exact count has a limit).', drill: 'Show the records behind',
    rank: 'Rank', name: 'Name', value: 'Value', bucket: 'Period', stage: 'Stage',
    count: 'Count', conversion: 'Conversion', baseline: 'Baseline', below: 'Below baseline',
    ok: 'On track', fraction: '{{numerator}} of {{denominator}}',
  },
  drill: {
    title: 'Records behind: {{name}}', empty: 'No records.', id: 'Record', owner: 'Owner',
    stage: 'Stage', created: 'Created', data: 'Data',
  },
  baselines: {
    edit: 'Edit baselines', title: 'Funnel baselines',
    hint: 'The expected conversion into each stage, in percent of the previous stage. ' +
      'Leave a stage empty to use the baseline learnt from earlier periods.',
    stage: 'Baseline of {{stage}}', unset: 'Learnt', learnt: 'Learnt: {{percent}}%',
    range: 'Enter a percentage above 0 and at most 100.', publish: 'Save and publish',
    cancel: 'Cancel', published: 'Baselines published as version {{version}}.',
    no_stages: 'This funnel shows no stages after the first in this period.',
    draft_pending: 'This dashboard has unpublished changes; they are published as well.',
    conflict: 'Someone else changed this dashboard meanwhile, so your baselines were not ' +
      'saved. Reload to see their change, then enter the baselines again.',
    reload: 'Reload',
  },
  dims: {
    owner: 'Owner', team: 'Team', region: 'Region', product_line: 'Product line',
    stage: 'Stage', channel: 'Channel', customer_tier: 'Customer tier',
  },
};

type Bundle = typeof en;

const zh: Bundle = {
  list: {
    title: '数据看板', empty: '暂无看板。安装一个模板包即可获得看板。', open: '打开',
    notPublished: '尚未发布', version: '版本 {{version}}',
  },
  page: {
    back: '全部看板', refresh: '刷新', range: '日期范围', from: '开始', to: '结束', all: '全部',
    empty: '该看板没有组件。', notFound: '该看板不存在。', period: '{{from}} 至 {{to}}',
    filters: '筛选',
  },
  widget: {
    noData: '该时间段内没有数据。', unsupported: '暂不可用：{{reason}}',
    capped: '至少为该数值（精确计数有上限）。', drill: '查看背后的记录', rank: '排名',
    name: '名称', value: '数值', bucket: '时间', stage: '阶段', count: '数量',
    conversion: '转化率', baseline: '基线', below: '低于基线', ok: '正常',
    fraction: '{{numerator}} / {{denominator}}',
  },
  drill: {
    title: '背后的记录：{{name}}', empty: '没有记录。', id: '记录', owner: '负责人',
    stage: '阶段', created: '创建时间', data: '数据',
  },
  baselines: {
    edit: '编辑基线', title: '漏斗基线',
    hint: '各阶段的预期转化率，按上一阶段的百分比填写。留空则使用根据以往周期学习得到的基线。',
    stage: '{{stage}} 的基线', unset: '自动学习', learnt: '学习值：{{percent}}%',
    range: '请输入大于 0 且不超过 100 的百分比。', publish: '保存并发布', cancel: '取消',
    published: '基线已发布为版本 {{version}}。',
    no_stages: '该漏斗在此时间段内没有第一阶段之后的阶段。',
    draft_pending: '该看板有尚未发布的修改，这些修改也会一并发布。',
    conflict: '在此期间有人修改了该看板，您的基线未保存。请刷新查看对方的修改，然后重新填写基线。',
    reload: '刷新',
  },
  dims: {
    owner: '负责人', team: '团队', region: '区域', product_line: '产品线', stage: '阶段',
    channel: '渠道', customer_tier: '客户等级',
  },
};

i18n.addResourceBundle('en', NS, en, true, true);
i18n.addResourceBundle('zh-CN', NS, zh, true, true);

/** bundles are the strings, for the test that both locales have every key. */
export const bundles = { en, 'zh-CN': zh };
