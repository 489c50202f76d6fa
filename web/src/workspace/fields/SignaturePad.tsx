import { Button, Input, Space, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import type { PointerEvent, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { downloadUrl, hasInk, isRef, refOf, toCanvas, uploadError, uploadFile }
  from './fileModel';
import type { AttachmentMeta, FileRef, Point, Uploader } from './fileModel';
import './i18n';
import { asksSigner, signerOf, type SignerMode } from './signer';

/** Props of SignaturePad. */
export interface SignaturePadProps {
  id: string;
  /** The field's value: the reference of the signature's PNG. */
  value: unknown;
  /** Called with the uploaded signature, or undefined when cleared. */
  onChange: (next: FileRef | undefined) => void;
  disabled?: boolean;
  /** The signed-in user's name: the signer of a field the user signs. */
  defaultSigner?: string;
  /**
   * Who signs: "user" (the default) records defaultSigner; "customer"
   * asks for the customer's name and records what is typed.
   */
  mode?: SignerMode;
  /** Uploads the PNG; the default posts to /api/v1/attachments. */
  uploader?: Uploader;
  /** Turns the canvas into a PNG; the default is canvas.toBlob. */
  exportPng?: (canvas: HTMLCanvasElement) => Promise<Blob>;
}

/** The canvas's drawing size; CSS scales it to the width available. */
const padWidth = 600;
const padHeight = 200;

function toBlob(canvas: HTMLCanvasElement): Promise<Blob> {
  return new Promise((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b)
    : reject(new Error('canvas export failed'))), 'image/png'));
}

/** The signer of the pad: the user's name as text, or an input for the name to record. */
function SignerInput({ mode, user, typed, disabled, onType }: { mode: SignerMode;
  user: string; typed: string; disabled?: boolean; onType: (v: string) => void }) {
  const { t } = useTranslation('fields');
  if (!asksSigner(mode, user)) {
    return <Typography.Text data-signer>{t('signed_as', { signer: user })}</Typography.Text>;
  }
  const customer = mode === 'customer';
  return (
    <Input aria-label={t(customer ? 'customer_signer' : 'signer')} value={typed}
      placeholder={t(customer ? 'customer_placeholder' : 'signer_placeholder')}
      maxLength={100} disabled={disabled} onChange={(e) => onType(e.target.value)} />
  );
}

/**
 * A signature field: a canvas drawn on with pointer events (finger, pen or
 * mouse), its signer, clear and confirm. Confirming uploads the drawing as
 * a PNG with purpose "signature" and the signer: the signed-in user, or the
 * customer's typed name for a customer signature. A signed field shows the
 * image, who signed, and a way to sign again.
 */
export function SignaturePad({ id, value, onChange, disabled, defaultSigner = '', mode = 'user',
  uploader = uploadFile, exportPng = toBlob }: SignaturePadProps) {
  const { t } = useTranslation('fields');
  const [typed, setTyped] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const change = useRef(onChange); // the upload ends after later renders
  change.current = onChange;

  if (isRef(value)) {
    return <Signed id={id} value={value} disabled={disabled}
      onResign={() => onChange(undefined)} />;
  }

  const confirm = async (canvas: HTMLCanvasElement, strokes: Point[][]) => {
    const signer = signerOf(mode, defaultSigner, typed);
    if (!hasInk(strokes)) return setError(t('need_ink'));
    if (!signer) return setError(t(mode === 'customer' ? 'need_customer' : 'need_signer'));
    setBusy(true);
    setError('');
    try {
      const png = await exportPng(canvas);
      const meta = await uploader(png, 'signature.png',
        { purpose: 'signature', signer });
      change.current(refOf(meta));
    } catch (err) {
      setError(uploadError(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="fw-signature-pad">
      <Pad id={id} disabled={disabled || busy} onConfirm={confirm} busy={busy}>
        <SignerInput mode={mode} user={defaultSigner} typed={typed} disabled={disabled || busy}
          onType={setTyped} />
      </Pad>
      {error ? <Typography.Text type="danger" role="alert">{error}</Typography.Text> : null}
    </div>
  );
}

interface PadProps {
  id: string;
  disabled?: boolean;
  busy: boolean;
  onConfirm: (canvas: HTMLCanvasElement, strokes: Point[][]) => void;
  children: ReactNode;
}

/** The drawing surface with its buttons. */
function Pad({ id, disabled, busy, onConfirm, children }: PadProps) {
  const { t } = useTranslation('fields');
  const canvas = useRef<HTMLCanvasElement>(null);
  const strokes = useRef<Point[][]>([]);
  const drawing = useRef(false);

  const at = (e: PointerEvent<HTMLCanvasElement>) => {
    const c = e.currentTarget;
    return toCanvas(e.clientX, e.clientY, c.getBoundingClientRect(), c);
  };
  const down = (e: PointerEvent<HTMLCanvasElement>) => {
    if (disabled) return;
    e.currentTarget.setPointerCapture?.(e.pointerId);
    drawing.current = true;
    strokes.current.push([at(e)]);
  };
  const move = (e: PointerEvent<HTMLCanvasElement>) => {
    if (!drawing.current) return;
    const stroke = strokes.current[strokes.current.length - 1];
    const p = at(e);
    line(e.currentTarget, stroke[stroke.length - 1], p);
    stroke.push(p);
  };
  const up = () => { drawing.current = false; };
  const clear = () => {
    strokes.current = [];
    const c = canvas.current;
    c?.getContext('2d')?.clearRect(0, 0, c.width, c.height);
  };

  return (
    <>
      <canvas id={id} ref={canvas} width={padWidth} height={padHeight} role="img"
        aria-label={t('pad_label')} className="fw-signature-canvas" onPointerDown={down}
        onPointerMove={move} onPointerUp={up} onPointerCancel={up} onPointerLeave={up} />
      <Typography.Text type="secondary">{t('sign_here')}</Typography.Text>
      <Space wrap className="fw-signature-actions">
        {children}
        <Button onClick={clear} disabled={disabled}>{t('clear')}</Button>
        <Button type="primary" loading={busy} disabled={disabled}
          onClick={() => canvas.current && onConfirm(canvas.current, strokes.current)}>
          {t('confirm')}
        </Button>
      </Space>
    </>
  );
}

/** Draws one segment of a stroke. */
function line(c: HTMLCanvasElement, from: Point, to: Point) {
  const ctx = c.getContext('2d');
  if (!ctx) return;
  ctx.lineWidth = 3;
  ctx.lineCap = 'round';
  ctx.lineJoin = 'round';
  ctx.strokeStyle = '#1f1f1f';
  ctx.beginPath();
  ctx.moveTo(from.x, from.y);
  ctx.lineTo(to.x, to.y);
  ctx.stroke();
}

interface SignedProps {
  id: string;
  value: FileRef;
  disabled?: boolean;
  onResign: () => void;
}

/** A signed field: the signature, its signer and "sign again". */
function Signed({ id, value, disabled, onResign }: SignedProps) {
  const { t } = useTranslation('fields');
  const [signer, setSigner] = useState('');
  useEffect(() => {
    let live = true;
    api<AttachmentMeta>('GET', `${downloadUrl(value.id)}/meta`)
      .then((m) => { if (live) setSigner(m.signer ?? ''); })
      .catch(() => undefined); // the image still shows; the name is a nicety
    return () => { live = false; };
  }, [value.id]);

  return (
    <div className="fw-signature-pad" id={id}>
      <img src={downloadUrl(value.id)} alt={t('signature_alt')} className="fw-signature-image" />
      {signer ? <Typography.Text>{t('signed_by', { signer })}</Typography.Text> : null}
      {disabled ? null : <Button onClick={onResign}>{t('resign')}</Button>}
    </div>
  );
}
