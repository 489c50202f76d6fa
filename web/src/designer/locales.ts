/**
 * The designers' strings (namespace "designer"), in zh-CN and en. Import
 * this module for its side effect: it adds the bundles to the app's
 * i18next instance.
 */
import i18n from '../i18n';

/** NS is the i18next namespace of the designers. */
export const NS = 'designer';

const en = {
  common: {
    save: 'Save', saving: 'Saving…', saved: 'Saved', publish: 'Publish', versions: 'Versions',
    cancel: 'Cancel', close: 'Close', remove: 'Remove', add: 'Add', up: 'Move up',
    down: 'Move down', reload: 'Reload', back: 'Back to designs', retry: 'Retry',
    unsaved: 'Unsaved changes', checking: 'Checking…', noProblems: 'No problems',
    problems_one: '{{count}} problem', problems_other: '{{count}} problems',
    warnings_one: '{{count}} warning', warnings_other: '{{count}} warnings',
    revision: 'Revision {{revision}}', version: 'Version {{version}}',
    localeZh: 'Chinese', localeEn: 'English', notFound: 'This design does not exist.',
    conflict: 'Someone else saved this design meanwhile. Reload to see their changes; ' +
      'your unsaved edits will be lost.',
    leaveWarning: 'You have unsaved changes.',
    status: { draft: 'Draft', published: 'Published', modified: 'Changed since publishing',
      archived: 'Archived' },
  },
  publish: {
    title: 'Publish version {{version}}', first: 'This is the first version.',
    noChanges: 'No changes since the last version.', breaking: 'Breaking',
    breakingNote: 'Some changes can upset running work or older records.',
    confirm: 'Publish', done: 'Version {{version}} is published.',
    saveFirst: 'The draft is saved before publishing.',
  },
  history: {
    title: 'Version history', empty: 'Nothing published yet.',
    publishedBy: 'Published {{at}} by {{by}}', compare: 'Compare with the draft',
    diffTitle: 'From version {{from}} to the draft', noChanges: 'No changes.',
  },
  form: {
    title: 'Form designer', palette: 'Field kinds', paletteHint:
      'Drag a kind onto a section, or press Enter on it to add it to the selected section.',
    tabs: { design: 'Design', rules: 'Rules', preview: 'Preview' },
    section: 'Section {{n}}', addSection: 'Add section', columns: 'Columns',
    emptySection: 'Drop fields here', sectionNotEmpty: 'Move the fields out first.',
    noFields: 'This form has no fields yet. Add one from the palette.',
    selectHint: 'Select a field or a section to edit it.',
    dragHandle: 'Drag to reorder {{name}}',
    props: {
      field: 'Field', section: 'Section', name: 'Key', nameHelp:
        'Lower-case letters, digits and _; records store the value under it.',
      nameInvalid: 'Use a-z, 0-9 and _, starting with a letter.',
      nameTaken: 'Another field already uses this key.', kind: 'Kind', widget: 'Widget',
      defaultWidget: 'Default ({{widget}})', label: 'Label', help: 'Help text',
      placeholder: 'Placeholder', required: 'Required', limits: 'Limits',
      minLength: 'Min length', maxLength: 'Max length', minimum: 'Minimum',
      maximum: 'Maximum', minItems: 'Min items', maxItems: 'Max items',
      options: 'Options', optionValue: 'Value', addOption: 'Add option',
      visibleWhen: 'Visible when', visibleWhenHelp:
        'An expression over the form\u2019s fields, e.g. stage == \'won\'; empty: always shown.',
      currency: 'Currency', decimals: 'Decimals', unit: 'Unit', maxFiles: 'Most files',
      maxSize: 'Largest file (bytes)', allowedTypes: 'Allowed types', expression: 'Expression',
      formKey: 'Linked form (key)', columnsList: 'Columns of the table',
      deleteField: 'Delete field', title: 'Title', signer: 'Who signs',
      signerUser: 'The signed-in user', signerCustomer: 'A customer (name typed in)',
    },
    rules: {
      empty: 'No rules. Rules require fields under a condition, or assert a check.',
      add: 'Add rule', id: 'Rule id', when: 'When', require: 'Then require',
      assert: 'Assert', field: 'Report on field', message: 'Message',
      kindRequire: 'Conditional requirement', kindAssert: 'Assertion',
    },
    preview: { desktop: 'Desktop', phone: 'Phone (375 px)', empty: 'Nothing to preview.',
      hiddenNote: 'Shown only when: {{expr}}', upload: 'Upload', sign: 'Sign here',
      addRow: 'Add row' },
  },
  process: {
    title: 'Process designer', palette: 'Steps', paletteHint:
      'Drag a step onto the canvas, or press Enter on it to add it.',
    autoLayout: 'Auto layout', simulate: 'Simulate', fit: 'Fit view',
    emptyCanvas: 'The process has no steps yet. Add a trigger from the palette.',
    selectHint: 'Select a step or a connection to edit it. Connect steps by dragging ' +
      'from the bottom handle of one to another; SLA edges leave a task\u2019s right handle.',
    findings: 'Findings', graphFindings: 'About the whole process',
    idTaken: 'That id is taken or not allowed (letters, digits, _ and -).',
    kinds: {
      trigger: 'Trigger', user_task: 'User task', timer: 'Timer',
      silence_watch: 'Silence watch', exclusive_gateway: 'Decision',
      parallel_split: 'Parallel split', parallel_join: 'Parallel join', notify: 'Notify',
      set_fields: 'Set fields', move_stage: 'Move stage', assign_owner: 'Assign owner',
      create_ticket: 'Create ticket', create_record: 'Create record',
      award_points: 'Award points', call_action: 'Call action', sub_process: 'Sub-process',
      end: 'End',
    },
    props: {
      node: 'Step', edge: 'Connection', id: 'Id', name: 'Name', noSettings:
        'This step has no settings: its connections say what happens.',
      on: 'Starts on', form: 'Form', fields: 'Fields', cron: 'Schedule (cron)',
      calendar: 'Business calendar', defaultCalendar: 'Tenant default',
      workingDaysOnly: 'Working days only', event: 'Event name',
      assignee: 'Assignee', role: 'Role', team: 'Team', user: 'User id', due: 'Due after',
      durationHelp: 'e.g. 90m, 2h, 1d 4h; add \u201cbusiness\u201d to count working time.',
      outcomes: 'Outcomes', outcomeKey: 'Key', addOutcome: 'Add outcome',
      duration: 'Duration', until: 'Until the date field', activities: 'Counted activities',
      allActivities: 'Any activity', channel: 'Channel', recipients: 'Recipients',
      addRecipient: 'Add recipient', levels: 'Manager levels', message: 'Message',
      messageHelp: 'Placeholders such as {{ph}} are filled in per record.',
      assignments: 'Assignments', assignField: 'Field', assignExpr: 'Expression',
      addAssignment: 'Add assignment', routes: 'Routes (first match wins)',
      routeWhen: 'When', addRoute: 'Add route', otherwise: 'Otherwise',
      keepOwner: 'Keep the record with its owner', stage: 'Stage', title: 'Title', ledger: 'Ledger',
      points: 'Points (number or expression)', to: 'To', reason: 'Reason',
      plugin: 'Plugin', action: 'Action', webhook: 'Webhook URL (https)',
      inputs: 'Inputs', inputName: 'Name', addInput: 'Add input', process: 'Process key',
      wait: 'Wait for it to finish', edgeKind: 'Kind', condition: 'Condition',
      conditionHelp: 'A boolean expression, e.g. record.pain_level == \'high\'.',
      isDefault: 'Default branch', after: 'Fires after', interrupting:
        'Cancel the task when it fires', label: 'Caption', deleteNode: 'Delete step',
      deleteEdge: 'Delete connection', next: 'Next steps', connectTo: 'Connect to…',
      addConnection: 'Connect',
    },
    createRecord: {
      form: 'Form of the new record', formHint: 'Only published forms can take records.',
      fields: 'Field values', field: 'Field', expr: 'Expression over this record',
      exprHelp: 'e.g. record.owner, record.score * 100, \u2018week\u2019', add: 'Add field',
      noneLeft: 'Every field of the form has a value.', link: 'Link back through',
      noLink: 'No link', linkHint: 'A record-link field of the new record that gets this ' +
        'record\u2019s id.', noLinkFields: 'The form has no record-link field.',
      owner: 'Owner of the new record', sourceOwner: 'This record\u2019s owner',
      pickForm: 'Pick a form to set its fields.', loadFailed: 'The form could not be read.',
      remove: 'Remove {{field}}',
    },
    on: { record_created: 'Record created', field_changed: 'Field changed',
      schedule: 'Schedule', inbound_event: 'Inbound event', manual: 'Manual start' },
    rule: { owner: 'Record owner', owner_manager: 'Owner\u2019s manager', role: 'A role',
      round_robin: 'Team, in turn', least_loaded: 'Least loaded', user: 'One user' },
    recipient: { owner: 'Record owner', owner_manager: 'Owner\u2019s manager(s)',
      assignee: 'Task assignee', assignee_manager: 'Assignee\u2019s manager(s)',
      role: 'A role', user: 'One user' },
    pointsTo: { owner: 'Record owner', assignee: 'Task assignee', user: 'One user' },
    edgeKinds: { normal: 'Normal', boundary: 'SLA (boundary)' },
    sim: {
      title: 'Simulate', intro: 'Runs the saved draft on a virtual clock: nothing is ' +
        'written or sent.', start: 'Start', owner: 'Owner (user id)',
      record: 'Record (JSON)', recordInvalid: 'The record must be a JSON object.',
      events: 'Scripted events', addEvent: 'Add event', run: 'Run', running: 'Running…',
      timeline: 'Timeline', emptyTimeline: 'Nothing happened.', status: 'Ends {{status}}',
      after: 'After', task: 'Task (step id)', outcome: 'Outcome', activity: 'Activity',
      duration: 'Duration', fields: 'Fields (JSON)',
      kinds: { submit: 'Submit the record', activity: 'Activity', complete_task:
        'Complete a task', advance: 'Time passes', change_fields: 'Change fields' },
      saveFirst: 'The draft is saved before it is simulated.',
    },
  },
};

type Bundle = typeof en;

const zh: Bundle = {
  common: {
    save: '保存', saving: '正在保存…', saved: '已保存', publish: '发布', versions: '版本',
    cancel: '取消', close: '关闭', remove: '删除', add: '添加', up: '上移', down: '下移',
    reload: '重新加载', back: '返回设计列表', retry: '重试', unsaved: '有未保存的修改',
    checking: '正在检查…', noProblems: '没有问题', problems_one: '{{count}} 个问题',
    problems_other: '{{count}} 个问题', warnings_one: '{{count}} 个提醒',
    warnings_other: '{{count}} 个提醒', revision: '修订 {{revision}}',
    version: '版本 {{version}}', localeZh: '中文', localeEn: '英文',
    notFound: '该设计不存在。',
    conflict: '其他人已在此期间保存了该设计。重新加载可查看他们的修改，您未保存的修改将丢失。',
    leaveWarning: '您有未保存的修改。',
    status: { draft: '草稿', published: '已发布', modified: '发布后已修改', archived: '已归档' },
  },
  publish: {
    title: '发布版本 {{version}}', first: '这是第一个版本。', noChanges: '与上一版本相比没有变化。',
    breaking: '不兼容', breakingNote: '部分修改可能影响正在运行的流程或旧记录。',
    confirm: '发布', done: '版本 {{version}} 已发布。', saveFirst: '发布前会先保存草稿。',
  },
  history: {
    title: '版本历史', empty: '尚未发布任何版本。', publishedBy: '{{by}} 于 {{at}} 发布',
    compare: '与草稿对比', diffTitle: '从版本 {{from}} 到草稿', noChanges: '没有变化。',
  },
  form: {
    title: '表单设计器', palette: '字段类型',
    paletteHint: '将字段类型拖到分组中，或在其上按回车键添加到当前选中的分组。',
    tabs: { design: '设计', rules: '规则', preview: '预览' },
    section: '分组 {{n}}', addSection: '添加分组', columns: '列数', emptySection: '将字段拖到这里',
    sectionNotEmpty: '请先移出该分组中的字段。', noFields: '该表单还没有字段，请从左侧添加。',
    selectHint: '选择一个字段或分组进行编辑。', dragHandle: '拖动以调整 {{name}} 的顺序',
    props: {
      field: '字段', section: '分组', name: '字段标识',
      nameHelp: '小写字母、数字和下划线；记录以此为键保存值。',
      nameInvalid: '请使用 a-z、0-9 和 _，并以字母开头。', nameTaken: '其他字段已使用该标识。',
      kind: '类型', widget: '控件', defaultWidget: '默认（{{widget}}）', label: '名称',
      help: '帮助说明', placeholder: '占位提示', required: '必填', limits: '限制',
      minLength: '最少字符', maxLength: '最多字符', minimum: '最小值', maximum: '最大值',
      minItems: '最少项数', maxItems: '最多项数', options: '选项', optionValue: '值',
      addOption: '添加选项', visibleWhen: '显示条件',
      visibleWhenHelp: '基于表单字段的表达式，例如 stage == \'won\'；留空表示始终显示。',
      currency: '币种', decimals: '小数位', unit: '单位', maxFiles: '最多文件数',
      maxSize: '单个文件上限（字节）', allowedTypes: '允许的类型', expression: '计算表达式',
      formKey: '关联表单（标识）', columnsList: '子表的列', deleteField: '删除字段',
      title: '标题', signer: '签名人', signerUser: '当前登录用户',
      signerCustomer: '客户（填写姓名）',
    },
    rules: {
      empty: '暂无规则。规则可以在满足条件时要求填写字段，或校验一个断言。', add: '添加规则',
      id: '规则标识', when: '条件', require: '则必填', assert: '断言', field: '错误显示在字段',
      message: '提示信息', kindRequire: '条件必填', kindAssert: '断言校验',
    },
    preview: { desktop: '桌面端', phone: '手机端（375 像素）', empty: '没有可预览的内容。',
      hiddenNote: '仅在以下条件成立时显示：{{expr}}', upload: '上传', sign: '在此签名',
      addRow: '添加一行' },
  },
  process: {
    title: '流程设计器', palette: '步骤', paletteHint: '将步骤拖到画布上，或在其上按回车键添加。',
    autoLayout: '自动布局', simulate: '模拟运行', fit: '适应画布',
    emptyCanvas: '该流程还没有步骤，请先从左侧添加一个触发器。',
    selectHint: '选择一个步骤或连线进行编辑。从步骤下方的连接点拖到另一个步骤即可连线；' +
      'SLA 连线从用户任务右侧的连接点拖出。',
    findings: '检查结果', graphFindings: '关于整个流程',
    idTaken: '该标识已被占用或不合法（字母、数字、_ 和 -）。',
    kinds: {
      trigger: '触发器', user_task: '用户任务', timer: '定时器', silence_watch: '静默监测',
      exclusive_gateway: '条件分支', parallel_split: '并行拆分', parallel_join: '并行汇合',
      notify: '发送通知', set_fields: '设置字段', move_stage: '变更阶段', assign_owner: '分配负责人',
      create_ticket: '创建工单', create_record: '创建记录', award_points: '发放积分',
      call_action: '调用动作',
      sub_process: '子流程', end: '结束',
    },
    props: {
      node: '步骤', edge: '连线', id: '标识', name: '名称',
      noSettings: '该步骤没有设置项：由它的连线决定后续走向。', on: '触发方式', form: '表单',
      fields: '字段', cron: '计划（cron）', calendar: '工作日历', defaultCalendar: '租户默认日历',
      workingDaysOnly: '仅工作日', event: '事件名称', assignee: '处理人', role: '角色',
      team: '团队', user: '用户 ID', due: '期限',
      durationHelp: '例如 90m、2h、1d 4h；加上 “business” 表示按工作时间计算。',
      outcomes: '处理结果', outcomeKey: '标识', addOutcome: '添加结果', duration: '时长',
      until: '直到日期字段', activities: '计入的活动', allActivities: '任何活动',
      channel: '渠道', recipients: '接收人', addRecipient: '添加接收人', levels: '上级层数',
      message: '消息内容', messageHelp: '{{ph}} 等占位符会按记录填充。',
      assignments: '赋值', assignField: '字段', assignExpr: '表达式', addAssignment: '添加赋值',
      routes: '分配规则（按顺序取第一条满足的）', routeWhen: '条件', addRoute: '添加规则',
      otherwise: '都不满足时', keepOwner: '保留原负责人',
      stage: '阶段', title: '标题', ledger: '积分账本', points: '积分（数字或表达式）',
      to: '发放给', reason: '原因', plugin: '插件', action: '动作', webhook: 'Webhook 地址（https）',
      inputs: '输入', inputName: '名称', addInput: '添加输入', process: '流程标识',
      wait: '等待其完成', edgeKind: '类型', condition: '条件',
      conditionHelp: '布尔表达式，例如 record.pain_level == \'high\'。', isDefault: '默认分支',
      after: '触发时间', interrupting: '触发时取消任务', label: '标注', deleteNode: '删除步骤',
      deleteEdge: '删除连线', next: '后续步骤', connectTo: '连接到…', addConnection: '连接',
    },
    createRecord: {
      form: '新记录的表单', formHint: '只有已发布的表单才能创建记录。', fields: '字段取值',
      field: '字段', expr: '基于当前记录的表达式',
      exprHelp: '例如 record.owner、record.score * 100、\u2018week\u2019', add: '添加字段',
      noneLeft: '该表单的字段都已设置取值。', link: '回链字段', noLink: '不回链',
      linkHint: '新记录中用于保存当前记录 ID 的关联记录字段。',
      noLinkFields: '该表单没有关联记录字段。', owner: '新记录的负责人',
      sourceOwner: '当前记录的负责人', pickForm: '请先选择表单，再设置字段。',
      loadFailed: '无法读取该表单。', remove: '删除 {{field}}',
    },
    on: { record_created: '新建记录', field_changed: '字段变更', schedule: '定时计划',
      inbound_event: '外部事件', manual: '手动启动' },
    rule: { owner: '记录负责人', owner_manager: '负责人的主管', role: '某个角色',
      round_robin: '团队轮流', least_loaded: '任务最少者', user: '指定用户' },
    recipient: { owner: '记录负责人', owner_manager: '负责人的上级', assignee: '任务处理人',
      assignee_manager: '处理人的上级', role: '某个角色', user: '指定用户' },
    pointsTo: { owner: '记录负责人', assignee: '任务处理人', user: '指定用户' },
    edgeKinds: { normal: '普通', boundary: 'SLA（边界）' },
    sim: {
      title: '模拟运行', intro: '在虚拟时钟上运行已保存的草稿：不会写入数据，也不会发送消息。',
      start: '开始时间', owner: '负责人（用户 ID）', record: '记录（JSON）',
      recordInvalid: '记录必须是 JSON 对象。', events: '脚本事件', addEvent: '添加事件',
      run: '运行', running: '正在运行…', timeline: '时间线', emptyTimeline: '没有发生任何事情。',
      status: '结束状态：{{status}}', after: '间隔', task: '任务（步骤标识）', outcome: '结果',
      activity: '活动', duration: '时长', fields: '字段（JSON）',
      kinds: { submit: '提交记录', activity: '记录活动', complete_task: '完成任务',
        advance: '时间推进', change_fields: '修改字段' },
      saveFirst: '模拟运行前会先保存草稿。',
    },
  },
};

i18n.addResourceBundle('en', NS, en, true, true);
i18n.addResourceBundle('zh-CN', NS, zh, true, true);

/** bundles are the strings, for the test that both locales have every key. */
export const bundles = { en, 'zh-CN': zh };
