/**
 * The data-import screen's strings (namespace "imports") in zh-CN and en.
 * Import this module for its side effect: it adds the bundles to the app's
 * i18next instance.
 */
import i18n from '../i18n';

/** NS is the i18next namespace of the import screens. */
export const NS = 'imports';

const en = {
  title: 'Data import',
  intro: 'Bring records in from a CSV or Excel file: map its columns to a form\'s fields, ' +
    'check every row, then import. Each row merges into the record its key names, so ' +
    'importing the same file again changes nothing.',
  new: 'New import',
  list_title: 'Your imports',
  list_note: 'The imports you started in this browser.',
  empty: 'No imports yet.',
  open: 'Open',
  delete: 'Delete', delete_title: 'Delete this import?',
  delete_body: 'Its stored file and report are removed. Records already imported stay.',
  deleted: 'Import deleted',
  back: 'All imports',
  col: { file: 'File', form: 'Form', status: 'Status', rows: 'Rows', created: 'Uploaded',
    actions: 'Actions', column: 'Column in the file', field: 'Form field', row: 'Row',
    problem: 'Problem' },
  status: { receiving: 'Receiving', uploaded: 'Uploaded', checking: 'Checking',
    checked: 'Checked', importing: 'Importing', imported: 'Imported', refused: 'Refused',
    failed: 'Failed' },
  upload: {
    form: 'Form to import into', form_placeholder: 'Choose a published form',
    file: 'File', drop: 'Click or drop a CSV or Excel (.xlsx) file here',
    hint: 'The first row holds the column names.',
    encoding: 'Encoding (CSV)', encoding_auto: 'Detect', sheet: 'Worksheet (Excel)',
    sheet_placeholder: 'The first', send: 'Upload', sending: 'Uploading {{percent}}%',
    no_form: 'Choose a form first.', no_file: 'Choose a file first.',
    no_forms: 'No published form yet: publish one in the designer first.',
  },
  steps: { map: 'Map columns', check: 'Check rows', run: 'Import', done: 'Done' },
  mapping: {
    title: 'Map the columns',
    help: 'Columns whose names match a field are mapped already. Skip a column by ' +
      'leaving its field empty.',
    skip: 'Skip this column', key: 'Key field',
    key_help: 'The field that says which record a row belongs to; rows with the same key ' +
      'merge into one record.',
    suggested: 'suggested',
    problem: {
      empty: 'Map at least one column.', no_key: 'Choose the key field.',
      key_not_mapped: 'The key field {{field}} is not mapped to a column.',
      duplicate_field: '{{field}} is filled by more than one column: {{columns}}.',
    },
    missing_required: 'Required fields no column fills: {{fields}}. Rows without them fail ' +
      'unless the record already has them.',
    check: 'Check every row', checking: 'Checking…',
  },
  report: {
    title: 'Check report', clean: 'Every row passed the check.',
    title_run: 'Import report', issues_one: '{{count}} problem in the rows',
    issues_other: '{{count}} problems in the rows', download_csv: 'Download CSV',
    download_xlsx: 'Download Excel', more: 'Load more', download_failed: 'The download failed.',
  },
  run: {
    title: 'Import', mode: 'When rows fail',
    all_or_nothing: 'All or nothing: import nothing if any row fails',
    valid_rows: 'Import the valid rows, skip the failing ones',
    refuse_one: '{{count}} row failed the check: an all-or-nothing import will be refused.',
    refuse_other: '{{count}} rows failed the check: an all-or-nothing import will be ' +
      'refused.',
    skip_failed_one: '{{count}} row failed the check and will be skipped.',
    skip_failed_other: '{{count}} rows failed the check and will be skipped.',
    start: 'Import rows', start_valid: 'Import valid rows', recheck: 'Check again',
    resumes: 'The import goes on in the background; if a server stops, another one takes ' +
      'it over where it stopped.',
  },
  progress: {
    label: 'Progress', unknown: 'Reading the file…',
    rows_read: 'Rows read', rows_valid: 'Valid', rows_failed: 'Failed', created: 'Created',
    merged: 'Merged', unchanged: 'Unchanged',
  },
  done: {
    title: 'Import finished',
    body_one: '{{count}} row imported: {{created}} created, {{merged}} merged, {{unchanged}} ' +
      'unchanged.',
    body_other: '{{count}} rows imported: {{created}} created, {{merged}} merged, ' +
      '{{unchanged}} unchanged.',
    records: 'See the records',
  },
  error_title: 'Why the import stopped',
};

type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };

const zh: Shape<typeof en> = {
  title: '数据导入',
  intro: '从 CSV 或 Excel 文件导入记录：把文件的列对应到表单字段，逐行检查，再导入。每一行按主键合并到' +
    '对应的记录，同一个文件再导入一次不会改变任何数据。',
  new: '新建导入',
  list_title: '我的导入',
  list_note: '在此浏览器中发起的导入。',
  empty: '还没有导入。',
  open: '打开',
  delete: '删除', delete_title: '删除这次导入？',
  delete_body: '将删除保存的文件和检查报告，已导入的记录会保留。',
  deleted: '已删除导入',
  back: '全部导入',
  col: { file: '文件', form: '表单', status: '状态', rows: '行数', created: '上传时间',
    actions: '操作', column: '文件中的列', field: '表单字段', row: '行号', problem: '问题' },
  status: { receiving: '接收中', uploaded: '已上传', checking: '检查中', checked: '已检查',
    importing: '导入中', imported: '已导入', refused: '已拒绝', failed: '失败' },
  upload: {
    form: '导入到哪个表单', form_placeholder: '选择一个已发布的表单',
    file: '文件', drop: '点击或拖入 CSV 或 Excel（.xlsx）文件',
    hint: '第一行是列名。',
    encoding: '编码（CSV）', encoding_auto: '自动识别', sheet: '工作表（Excel）',
    sheet_placeholder: '第一个', send: '上传', sending: '正在上传 {{percent}}%',
    no_form: '请先选择表单。', no_file: '请先选择文件。',
    no_forms: '还没有已发布的表单，请先在设计器中发布一个。',
  },
  steps: { map: '对应列', check: '检查数据', run: '导入', done: '完成' },
  mapping: {
    title: '对应列和字段',
    help: '列名与字段一致的列已自动对应。不需要的列，字段留空即可跳过。',
    skip: '跳过此列', key: '主键字段',
    key_help: '用来判断一行属于哪条记录的字段；主键相同的行合并为一条记录。',
    suggested: '自动对应',
    problem: {
      empty: '请至少对应一列。', no_key: '请选择主键字段。',
      key_not_mapped: '主键字段 {{field}} 没有对应任何列。',
      duplicate_field: '{{field}} 被多列同时填写：{{columns}}。',
    },
    missing_required: '没有列填写这些必填字段：{{fields}}。除非记录中已有这些值，缺少它们的行会检查失败。',
    check: '逐行检查', checking: '检查中…',
  },
  report: {
    title: '检查报告', clean: '所有行都通过了检查。',
    title_run: '导入报告', issues_one: '数据中有 {{count}} 个问题',
    issues_other: '数据中有 {{count}} 个问题', download_csv: '下载 CSV',
    download_xlsx: '下载 Excel', more: '加载更多', download_failed: '下载失败。',
  },
  run: {
    title: '导入', mode: '有行未通过时',
    all_or_nothing: '全部或全不：任何一行失败就不导入',
    valid_rows: '导入通过的行，跳过失败的行',
    refuse_one: '有 {{count}} 行未通过检查：选择“全部或全不”将拒绝整个文件。',
    refuse_other: '有 {{count}} 行未通过检查：选择“全部或全不”将拒绝整个文件。',
    skip_failed_one: '有 {{count}} 行未通过检查，导入时将跳过。',
    skip_failed_other: '有 {{count}} 行未通过检查，导入时将跳过。',
    start: '导入数据', start_valid: '导入通过的行', recheck: '重新检查',
    resumes: '导入在后台进行；即使某台服务器停止，其他服务器也会从中断处接着完成。',
  },
  progress: {
    label: '进度', unknown: '正在读取文件…',
    rows_read: '已读取', rows_valid: '通过', rows_failed: '失败', created: '新建',
    merged: '合并', unchanged: '未变化',
  },
  done: {
    title: '导入完成',
    body_one: '已导入 {{count}} 行：新建 {{created}}，合并 {{merged}}，未变化 {{unchanged}}。',
    body_other: '已导入 {{count}} 行：新建 {{created}}，合并 {{merged}}，未变化 {{unchanged}}。',
    records: '查看记录',
  },
  error_title: '导入停止的原因',
};

i18n.addResourceBundle('en', NS, en, true, true);
i18n.addResourceBundle('zh-CN', NS, zh, true, true);

/** bundles are the strings, for the test that both locales have every key. */
export const bundles = { en, 'zh-CN': zh };
