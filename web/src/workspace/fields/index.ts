// Inputs of the record form for file fields: attachments and signatures.
import './fields.css';

export { AttachmentField } from './AttachmentField';
export type { AttachmentFieldProps } from './AttachmentField';
export { SignaturePad } from './SignaturePad';
export type { SignaturePadProps } from './SignaturePad';
export { downloadUrl, formatSize, uploadFile } from './fileModel';
export type { FileRef, Uploader } from './fileModel';
export { signerMode } from './signer';
export type { SignerMode } from './signer';
