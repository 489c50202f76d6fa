import { useState } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import i18n from '../../i18n';
import { SignaturePad } from './SignaturePad';
import type { AttachmentMeta, FileRef, UploadOptions } from './fileModel';
import { asksSigner, signerMode, signerOf, type SignerMode } from './signer';

const signed: AttachmentMeta = { id: 'f_sig', name: 'signature.png', size: 900,
  content_type: 'image/png', sha256: '', purpose: 'signature', signer: 'Wang Lei',
  uploaded_by: 'u1', uploaded_at: '2026-03-02T08:00:00Z' };

function Harness({ uploader, onValue, initial, mode, user = 'Wang Lei' }: {
  uploader?: (f: Blob, n: string, o?: UploadOptions) => Promise<AttachmentMeta>;
  onValue?: (v: FileRef | undefined) => void; initial?: FileRef; mode?: SignerMode;
  user?: string }) {
  const [v, setV] = useState<FileRef | undefined>(initial);
  return <SignaturePad id="field-sign" value={v} defaultSigner={user} mode={mode}
    uploader={uploader}
    exportPng={() => Promise.resolve(new Blob(['png'], { type: 'image/png' }))}
    onChange={(n) => { setV(n); onValue?.(n); }} />;
}

function draw(canvas: Element) {
  fireEvent.pointerDown(canvas, { pointerId: 1, clientX: 10, clientY: 20 });
  for (const x of [20, 40, 60, 80]) {
    fireEvent.pointerMove(canvas, { pointerId: 1, clientX: x, clientY: 20 + x / 4 });
  }
  fireEvent.pointerUp(canvas, { pointerId: 1 });
}

describe('SignaturePad', () => {
  afterEach(() => { vi.unstubAllGlobals(); void i18n.changeLanguage('en'); });

  it('asks for a drawing before confirming', () => {
    const uploader = vi.fn();
    render(<Harness uploader={uploader} />);
    fireEvent.click(screen.getByRole('button', { name: 'Confirm signature' }));
    expect(screen.getByRole('alert').textContent).toBe('Draw the signature first.');
    expect(uploader).not.toHaveBeenCalled();
  });

  it('uploads the drawing as a signature PNG with its signer', async () => {
    const uploader = vi.fn(() => Promise.resolve(signed));
    const onValue = vi.fn();
    vi.stubGlobal('fetch', vi.fn(() => Promise.resolve(new Response(JSON.stringify(signed),
      { status: 200, headers: { 'Content-Type': 'application/json' } }))));
    render(<Harness uploader={uploader} onValue={onValue} />);

    draw(screen.getByRole('img', { name: /signature pad/i }));
    fireEvent.click(screen.getByRole('button', { name: 'Confirm signature' }));
    await waitFor(() => expect(onValue).toHaveBeenCalled());

    expect(uploader).toHaveBeenCalledWith(expect.any(Blob), 'signature.png',
      { purpose: 'signature', signer: 'Wang Lei' });
    expect(onValue).toHaveBeenLastCalledWith({ id: 'f_sig', name: 'signature.png', size: 900,
      content_type: 'image/png' });
    const img = screen.getByAltText('Signature');
    expect(img.getAttribute('src')).toBe('/api/v1/attachments/f_sig');
    expect(await screen.findByText('Signed by Wang Lei')).toBeTruthy();
  });

  it('records the signed-in user, who cannot type another name', () => {
    render(<Harness />);
    expect(screen.getByText('Signing as Wang Lei')).toBeTruthy();
    expect(screen.queryByRole('textbox')).toBeNull();
  });

  it('uploads a customer signature with the typed customer name', async () => {
    const uploader = vi.fn(() => Promise.resolve({ ...signed, signer: 'Li Na' }));
    vi.stubGlobal('fetch', vi.fn(() => Promise.reject(new Error('offline'))));
    const onValue = vi.fn();
    render(<Harness uploader={uploader} onValue={onValue} mode="customer" />);
    draw(screen.getByRole('img', { name: /signature pad/i }));
    fireEvent.click(screen.getByRole('button', { name: 'Confirm signature' }));
    expect(screen.getByRole('alert').textContent).toBe('Enter the customer’s name.');
    fireEvent.change(screen.getByLabelText('Customer name'), { target: { value: ' Li Na ' } });
    fireEvent.click(screen.getByRole('button', { name: 'Confirm signature' }));
    await waitFor(() => expect(onValue).toHaveBeenCalled());
    expect(uploader).toHaveBeenCalledWith(expect.any(Blob), 'signature.png',
      { purpose: 'signature', signer: 'Li Na' });
  });

  it('reads who signs from the field settings', () => {
    expect(signerMode(undefined)).toBe('user');
    expect(signerMode({ signer: 'customer' })).toBe('customer');
    expect(signerMode({ signer: 'someone' })).toBe('user');
    expect(asksSigner('user', ' ')).toBe(true);
    expect(signerOf('user', 'Wang Lei', 'Typed')).toBe('Wang Lei');
    expect(signerOf('customer', 'Wang Lei', ' Li Na ')).toBe('Li Na');
  });

  it('needs a signer and clears the drawing', () => {
    const uploader = vi.fn();
    render(<Harness uploader={uploader} user="" />);
    const canvas = screen.getByRole('img', { name: /signature pad/i });
    fireEvent.change(screen.getByLabelText('Signer'), { target: { value: ' ' } });
    draw(canvas);
    fireEvent.click(screen.getByRole('button', { name: 'Confirm signature' }));
    expect(screen.getByRole('alert').textContent).toBe('Enter who signs.');

    fireEvent.click(screen.getByRole('button', { name: 'Clear' }));
    fireEvent.change(screen.getByLabelText('Signer'), { target: { value: 'Li Na' } });
    fireEvent.click(screen.getByRole('button', { name: 'Confirm signature' }));
    expect(screen.getByRole('alert').textContent).toBe('Draw the signature first.');
    expect(uploader).not.toHaveBeenCalled();
  });

  it('lets a signed field be signed again, and sets no inline style', () => {
    vi.stubGlobal('fetch', vi.fn(() => Promise.reject(new Error('offline'))));
    const onValue = vi.fn();
    const { container } = render(<Harness initial={signed} onValue={onValue} />);
    fireEvent.click(screen.getByRole('button', { name: 'Sign again' }));
    expect(onValue).toHaveBeenLastCalledWith(undefined);
    expect(screen.getByRole('img', { name: /signature pad/i })).toBeTruthy();
    expect(container.querySelector('canvas[style], img[style]')).toBeNull();
  });

  it('speaks Chinese', async () => {
    await act(async () => { await i18n.changeLanguage('zh-CN'); });
    render(<Harness />);
    expect(screen.getByRole('button', { name: '确认签名' })).toBeTruthy();
    expect(screen.getByText('请在此处签名')).toBeTruthy();
  });
});
