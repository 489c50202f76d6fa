// The "fields" namespace: texts of the upload control and signature pad.
import i18n from '../../i18n';

const en = {
  upload: 'Upload a file',
  uploading: 'Uploading…',
  upload_failed: 'The upload failed. Try again.',
  network: 'The server could not be reached. Check the connection and try again.',
  remove: 'Remove',
  download: 'Download {{name}}',
  limits: 'Up to {{count}} files, {{size}} each',
  max_reached: 'This field holds at most {{count}} files.',
  too_large: 'The file is larger than {{size}}.',
  sign_here: 'Sign here',
  signer: 'Signer',
  signer_placeholder: 'Name of the person signing',
  customer_signer: 'Customer name',
  customer_placeholder: 'Name of the customer signing',
  signed_as: 'Signing as {{signer}}',
  need_customer: 'Enter the customer’s name.',
  clear: 'Clear',
  confirm: 'Confirm signature',
  resign: 'Sign again',
  signed_by: 'Signed by {{signer}}',
  need_ink: 'Draw the signature first.',
  need_signer: 'Enter who signs.',
  signature_alt: 'Signature',
  pad_label: 'Signature pad: draw with a finger, pen or mouse',
};

const zh: typeof en = {
  upload: '上传文件',
  uploading: '正在上传…',
  upload_failed: '上传失败，请重试。',
  network: '无法连接服务器，请检查网络后重试。',
  remove: '删除',
  download: '下载 {{name}}',
  limits: '最多 {{count}} 个文件，每个不超过 {{size}}',
  max_reached: '此字段最多只能上传 {{count}} 个文件。',
  too_large: '文件超过 {{size}}。',
  sign_here: '请在此处签名',
  signer: '签名人',
  signer_placeholder: '签名人姓名',
  customer_signer: '客户姓名',
  customer_placeholder: '签名客户的姓名',
  signed_as: '签名人：{{signer}}（本人）',
  need_customer: '请填写客户姓名。',
  clear: '清除',
  confirm: '确认签名',
  resign: '重新签名',
  signed_by: '签名人：{{signer}}',
  need_ink: '请先签名。',
  need_signer: '请填写签名人。',
  signature_alt: '签名',
  pad_label: '签名板：可用手指、手写笔或鼠标书写',
};

/** The namespace's texts per language, for tests. */
export const fieldTexts = { en, 'zh-CN': zh };

i18n.addResourceBundle('en', 'fields', en, true, true);
i18n.addResourceBundle('zh-CN', 'fields', zh, true, true);
