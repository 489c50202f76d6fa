import { useState } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import i18n from '../../i18n';
import { ApiProblem } from '../../api/client';
import { AttachmentField } from './AttachmentField';
import type { AttachmentMeta, FileRef, UploadOptions } from './fileModel';

const brief: FileRef = { id: 'f_brief', name: 'brief.pdf', size: 2048,
  content_type: 'application/pdf' };

function meta(name: string): AttachmentMeta {
  return { id: `f_${name}`, name, size: 3, content_type: 'image/png', sha256: '',
    purpose: 'attachment', uploaded_by: 'u1', uploaded_at: '' };
}

function Harness({ uploader, onValue, initial, settings }: {
  uploader: (f: Blob, n: string, o?: UploadOptions) => Promise<AttachmentMeta>;
  onValue?: (v: FileRef[] | undefined) => void; initial?: FileRef[];
  settings?: Record<string, unknown> }) {
  const [v, setV] = useState<FileRef[] | undefined>(initial);
  return <AttachmentField id="field-photos" value={v} settings={settings} uploader={uploader}
    onChange={(n) => { setV(n); onValue?.(n); }} />;
}

function choose(...names: string[]) {
  const input = document.querySelector('input[type="file"]') as HTMLInputElement;
  const files = names.map((n) => new File(['png'], n, { type: 'image/png' }));
  fireEvent.change(input, { target: { files } });
}

describe('AttachmentField', () => {
  afterEach(() => { void i18n.changeLanguage('en'); });

  it('links stored files to their download and removes them', () => {
    const onValue = vi.fn();
    render(<Harness uploader={vi.fn()} initial={[brief]} onValue={onValue} />);
    const link = screen.getByText('brief.pdf').closest('a');
    expect(link?.getAttribute('href')).toBe('/api/v1/attachments/f_brief');
    fireEvent.click(screen.getByRole('button', { name: /remove|delete/i }));
    expect(onValue).toHaveBeenLastCalledWith(undefined);
  });

  it('uploads a chosen file with progress and adds its reference', async () => {
    let finish: (m: AttachmentMeta) => void = () => undefined;
    const uploader = vi.fn((_f: Blob, _n: string, o?: UploadOptions) => {
      o?.onProgress?.(40);
      return new Promise<AttachmentMeta>((resolve) => { finish = resolve; });
    });
    const onValue = vi.fn();
    render(<Harness uploader={uploader} onValue={onValue} />);

    choose('shop.png');
    await waitFor(() => expect(uploader).toHaveBeenCalledTimes(1));
    expect(await screen.findByText('shop.png')).toBeTruthy();
    expect(document.querySelector('.ant-upload-list-item-uploading')).toBeTruthy();

    await act(async () => { finish(meta('shop.png')); });
    expect(onValue).toHaveBeenLastCalledWith([{ id: 'f_shop.png', name: 'shop.png', size: 3,
      content_type: 'image/png' }]);
    const hrefs = screen.getAllByText('shop.png').map((e) => e.closest('a')?.getAttribute('href'));
    expect(hrefs).toContain('/api/v1/attachments/f_shop.png');
  });

  it('shows the server\'s refusal and stores nothing', async () => {
    const uploader = vi.fn(() => Promise.reject(new ApiProblem(415,
      { detail: 'Files of this kind (text/html) cannot be uploaded.' })));
    const onValue = vi.fn();
    render(<Harness uploader={uploader} onValue={onValue} />);
    choose('photo.png');
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Files of this kind (text/html) cannot be uploaded.');
    expect(onValue).not.toHaveBeenCalled();
  });

  it('refuses files past the field\'s limits before uploading', async () => {
    const uploader = vi.fn(() => Promise.resolve(meta('x.png')));
    render(<Harness uploader={uploader} initial={[brief]} settings={{ max_files: 1 }} />);
    choose('second.png');
    expect((await screen.findByRole('alert')).textContent).toContain('at most 1 files');
    expect(uploader).not.toHaveBeenCalled();
  });

  it('speaks Chinese', async () => {
    await act(async () => { await i18n.changeLanguage('zh-CN'); });
    render(<Harness uploader={vi.fn()} />);
    expect(screen.getByText('上传文件')).toBeTruthy();
    expect(screen.getByText('最多 10 个文件，每个不超过 20 MB')).toBeTruthy();
  });
});
