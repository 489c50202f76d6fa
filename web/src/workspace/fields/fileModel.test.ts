import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiProblem } from '../../api/client';
import { acceptOf, formatSize, hasInk, refsOf, toCanvas, uploadError, uploadFile }
  from './fileModel';
import { fieldTexts } from './i18n';

describe('file references', () => {
  it('keeps only well-formed references', () => {
    const ok = { id: 'f1', name: 'a.pdf', size: 3, content_type: 'application/pdf' };
    expect(refsOf([ok, null, 'x', { id: '', name: 'b' }, { name: 'c' }])).toEqual([ok]);
    expect(refsOf(undefined)).toEqual([]);
  });

  it('renders sizes and accept lists', () => {
    expect(formatSize(512)).toBe('512 B');
    expect(formatSize(1536)).toBe('1.5 KB');
    expect(formatSize(20 << 20)).toBe('20 MB');
    expect(acceptOf(['image/*', 'application/pdf'])).toBe('image/*,application/pdf');
    expect(acceptOf([])).toBeUndefined();
  });
});

describe('signature strokes', () => {
  it('maps a finger on a 375 px wide pad to canvas pixels', () => {
    const rect = { left: 10, top: 100, width: 300, height: 100 };
    expect(toCanvas(160, 150, rect, { width: 600, height: 200 })).toEqual({ x: 300, y: 100 });
  });

  it('needs a real stroke, not a tap', () => {
    expect(hasInk([[{ x: 0, y: 0 }]])).toBe(false);
    expect(hasInk([[{ x: 0, y: 0 }, { x: 5, y: 0 }], [{ x: 0, y: 0 }, { x: 0, y: 30 }]]))
      .toBe(true);
  });
});

/** A stand-in for XMLHttpRequest that answers what a test sets. */
class FakeXHR {
  static last: FakeXHR;
  static answer = { status: 201, body: '{}' };
  headers: Record<string, string> = {};
  upload: { onprogress?: (e: { lengthComputable: boolean; loaded: number; total: number }) =>
    void } = {};
  body?: FormData;
  status = 0;
  statusText = '';
  responseText = '';
  onload?: () => void;
  onerror?: () => void;
  constructor() { FakeXHR.last = this; }
  open(method: string, url: string) { this.headers[':'] = `${method} ${url}`; }
  setRequestHeader(k: string, v: string) { this.headers[k] = v; }
  abort() {}
  send(body: FormData) {
    this.body = body;
    this.upload.onprogress?.({ lengthComputable: true, loaded: 1, total: 4 });
    this.status = FakeXHR.answer.status;
    this.responseText = FakeXHR.answer.body;
    this.onload?.();
  }
}

describe('uploadFile', () => {
  afterEach(() => { vi.unstubAllGlobals(); document.cookie = 'fw_csrf=; max-age=0'; });

  it('posts multipart with the purpose, signer and CSRF token, reporting progress', async () => {
    vi.stubGlobal('XMLHttpRequest', FakeXHR);
    document.cookie = 'fw_csrf=tok123';
    FakeXHR.answer = { status: 201, body: JSON.stringify({ id: 'f1', name: 'signature.png',
      size: 10, content_type: 'image/png' }) };
    const progress: number[] = [];

    const meta = await uploadFile(new Blob(['png']), 'signature.png', { purpose: 'signature',
      signer: 'Wang Lei', onProgress: (p) => progress.push(p) });
    expect(meta.id).toBe('f1');
    expect(progress).toEqual([25]);
    const x = FakeXHR.last;
    expect(x.headers[':']).toBe('POST /api/v1/attachments');
    expect(x.headers['X-CSRF-Token']).toBe('tok123');
    expect(x.body?.get('purpose')).toBe('signature');
    expect(x.body?.get('signer')).toBe('Wang Lei');
    expect((x.body?.get('file') as File).name).toBe('signature.png');
  });

  it('turns a refusal into the server\'s localised message', async () => {
    vi.stubGlobal('XMLHttpRequest', FakeXHR);
    FakeXHR.answer = { status: 415, body: JSON.stringify({ code: 'attachment.type_refused',
      detail: 'Files of this kind (text/html) cannot be uploaded.' }) };
    const err = await uploadFile(new Blob(['<html>']), 'x.png').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiProblem);
    expect((err as ApiProblem).status).toBe(415);
    expect(uploadError(err)).toBe('Files of this kind (text/html) cannot be uploaded.');
  });
});

describe('texts', () => {
  it('has every text in both languages', () => {
    expect(Object.keys(fieldTexts['zh-CN']).sort()).toEqual(Object.keys(fieldTexts.en).sort());
  });
});
