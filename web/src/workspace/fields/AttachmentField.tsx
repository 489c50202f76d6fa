import { Button, Typography, Upload } from 'antd';
import type { UploadFile, UploadProps } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { acceptOf, downloadUrl, formatSize, refOf, refsOf, uploadError, uploadFile }
  from './fileModel';
import type { FileRef, Uploader } from './fileModel';
import './i18n';

/** Props of AttachmentField. */
export interface AttachmentFieldProps {
  id: string;
  /** The field's value: a list of file references. */
  value: unknown;
  /** Called with the new list; undefined when it becomes empty. */
  onChange: (next: FileRef[] | undefined) => void;
  /** The field's settings: max_files, max_size, allowed_types. */
  settings?: Record<string, unknown>;
  disabled?: boolean;
  /** Uploads one file; the default posts to /api/v1/attachments. */
  uploader?: Uploader;
}

const defaultMaxFiles = 10;
const defaultMaxSize = 20 << 20;

/** A file still uploading, or refused. */
interface Pending {
  uid: string;
  name: string;
  percent: number;
  error?: string;
}

/**
 * Upload control of an attachment field: each chosen file is uploaded at
 * once with its progress shown; done files link to their download and can
 * be removed; refusals show the server's message in the UI language.
 */
export function AttachmentField({ id, value, onChange, settings, disabled,
  uploader = uploadFile }: AttachmentFieldProps) {
  const { t } = useTranslation('fields');
  const refs = refsOf(value);
  const latest = useRef(refs);
  latest.current = refs;
  // Uploads finish after later renders: answer through the newest onChange,
  // which carries the form's newest values.
  const change = useRef(onChange);
  change.current = onChange;
  const [pending, setPending] = useState<Pending[]>([]);
  const inflight = useRef(0);
  const maxFiles = Number(settings?.max_files) || defaultMaxFiles;
  const maxSize = Number(settings?.max_size) || defaultMaxSize;

  const update = (uid: string, patch: Partial<Pending> | null) => setPending((p) => (patch
    ? p.map((x) => (x.uid === uid ? { ...x, ...patch } : x))
    : p.filter((x) => x.uid !== uid)));

  const start = (file: File, uid: string) => {
    setPending((p) => [...p, { uid, name: file.name, percent: 0 }]);
    inflight.current++;
    uploader(file, file.name, { onProgress: (percent) => update(uid, { percent }) })
      .finally(() => { inflight.current--; })
      .then((meta) => {
        update(uid, null);
        latest.current = [...latest.current, refOf(meta)];
        change.current(latest.current);
      })
      .catch((err: unknown) => update(uid, { error: uploadError(err) }));
  };

  const beforeUpload: UploadProps['beforeUpload'] = (file) => {
    if (latest.current.length + inflight.current >= maxFiles) {
      setPending((p) => [...p, { uid: file.uid, name: file.name, percent: 0,
        error: t('max_reached', { count: maxFiles }) }]);
    } else if (file.size > maxSize) {
      setPending((p) => [...p, { uid: file.uid, name: file.name, percent: 0,
        error: t('too_large', { size: formatSize(maxSize) }) }]);
    } else {
      start(file, file.uid);
    }
    return Upload.LIST_IGNORE;
  };

  const onRemove = (f: UploadFile) => {
    if (pending.some((p) => p.uid === f.uid)) {
      update(f.uid, null);
      return true;
    }
    const next = latest.current.filter((r) => r.id !== f.uid);
    latest.current = next;
    onChange(next.length ? next : undefined);
    return true;
  };

  return (
    <div className="fw-attachments">
      <Upload id={id} multiple={maxFiles > 1} disabled={disabled} fileList={listOf(refs, pending)}
        accept={acceptOf(settings?.allowed_types)} beforeUpload={beforeUpload} onRemove={onRemove}
        showUploadList={{ showRemoveIcon: !disabled, showDownloadIcon: false }}>
        <Button icon={<UploadOutlined />} disabled={disabled}>{t('upload')}</Button>
      </Upload>
      <Typography.Text type="secondary" className="fw-attachments-hint">
        {t('limits', { count: maxFiles, size: formatSize(maxSize) })}
      </Typography.Text>
      {pending.filter((p) => p.error).map((p) => (
        <Typography.Text key={p.uid} type="danger" role="alert" className="fw-attachments-error">
          {p.name}: {p.error}
        </Typography.Text>
      ))}
    </div>
  );
}

/** The antd list of the stored files and the pending ones. */
function listOf(refs: FileRef[], pending: Pending[]): UploadFile[] {
  return [
    ...refs.map((r): UploadFile => ({ uid: r.id, name: r.name, size: r.size, status: 'done',
      url: downloadUrl(r.id) })),
    ...pending.map((p): UploadFile => ({ uid: p.uid, name: p.name,
      status: p.error ? 'error' : 'uploading', percent: p.percent, response: p.error })),
  ];
}
