// Files in forms: the reference a record stores for an upload, the upload
// itself (multipart, with progress) and the strokes of a signature pad.
// Plain TypeScript, no React, so it is tested on its own.
import i18n from '../../i18n';
import { ApiProblem } from '../../api/client';
import { postMultipart } from '../../api/upload';

/** What a record stores for one file: the shape of attachment values. */
export interface FileRef {
  id: string;
  name: string;
  size: number;
  content_type: string;
}

/**
 * The server's metadata of an upload (POST /api/v1/attachments). The
 * OpenAPI document names it Attachment; only the fields the renderer reads
 * are listed.
 */
export interface AttachmentMeta extends FileRef {
  sha256: string;
  purpose: 'attachment' | 'signature';
  signer?: string;
  uploaded_by: string;
  uploaded_at: string;
}

/** Options of one upload. */
export interface UploadOptions {
  /** "signature" for a drawn signature; the default is attachment. */
  purpose?: 'attachment' | 'signature';
  /** Who drew a signature. */
  signer?: string;
  /** Called with the share sent so far, 0 to 100. */
  onProgress?: (percent: number) => void;
  /** Aborts the upload. */
  signal?: AbortSignal;
}

/** Uploads one file; tests pass their own. */
export type Uploader = (file: Blob, name: string, opts?: UploadOptions) =>
  Promise<AttachmentMeta>;

/** The path a file downloads from. */
export function downloadUrl(id: string): string {
  return `/api/v1/attachments/${encodeURIComponent(id)}`;
}

/** The reference a record stores for an upload. */
export function refOf(meta: FileRef): FileRef {
  return { id: meta.id, name: meta.name, size: meta.size, content_type: meta.content_type };
}

/** Reads a field value as a list of file references, dropping anything else. */
export function refsOf(value: unknown): FileRef[] {
  const list = Array.isArray(value) ? value : [];
  return list.filter(isRef);
}

/** Reports whether v looks like a file reference. */
export function isRef(v: unknown): v is FileRef {
  if (!v || typeof v !== 'object') return false;
  const r = v as Record<string, unknown>;
  return typeof r.id === 'string' && r.id !== '' && typeof r.name === 'string';
}

/** Renders a byte count as people read it: "1.5 MB". */
export function formatSize(n: number): string {
  if (n >= 1 << 20) return `${trim(n / (1 << 20))} MB`;
  if (n >= 1 << 10) return `${trim(n / (1 << 10))} KB`;
  return `${n} B`;
}

function trim(x: number): string {
  return x.toFixed(1).replace(/\.0$/, '');
}

/** The accept attribute for a field's allowed media ranges. */
export function acceptOf(allowed: unknown): string | undefined {
  return Array.isArray(allowed) && allowed.length ? allowed.join(',') : undefined;
}

/**
 * Uploads a file as multipart/form-data with the session's CSRF token,
 * reporting progress; a refusal becomes an ApiProblem with the server's
 * localised detail.
 */
export const uploadFile: Uploader = (file, name, opts = {}) => {
  const body = new FormData();
  if (opts.purpose) body.append('purpose', opts.purpose);
  if (opts.signer) body.append('signer', opts.signer);
  const named = file instanceof File ? file : new File([file], name, { type: file.type });
  body.append('file', named, name);
  return postMultipart<AttachmentMeta>('/api/v1/attachments', body, opts);
};

/** The message to show for a failed upload. */
export function uploadError(err: unknown): string {
  if (err instanceof ApiProblem) {
    return err.fields.map((f) => f.message).filter(Boolean).join(' ') || err.detail ||
      err.title;
  }
  return i18n.t('fields:upload_failed');
}

/** A point of a stroke, in canvas pixels. */
export interface Point {
  x: number;
  y: number;
}

/**
 * Maps a pointer position on an element drawn at rect to canvas pixels,
 * so a canvas scaled by CSS (375 px phones) draws under the finger.
 */
export function toCanvas(clientX: number, clientY: number,
  rect: { left: number; top: number; width: number; height: number },
  canvas: { width: number; height: number }): Point {
  const sx = rect.width ? canvas.width / rect.width : 1;
  const sy = rect.height ? canvas.height / rect.height : 1;
  return { x: (clientX - rect.left) * sx, y: (clientY - rect.top) * sy };
}

/** Reports whether strokes hold enough ink to count as a signature. */
export function hasInk(strokes: Point[][]): boolean {
  let length = 0;
  for (const s of strokes) {
    for (let i = 1; i < s.length; i++) {
      length += Math.hypot(s[i].x - s[i - 1].x, s[i].y - s[i - 1].y);
    }
  }
  return length >= 20;
}
