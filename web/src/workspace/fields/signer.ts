// Who a drawn signature is recorded as. A signature field signed by the
// person using the app records the signed-in user's name; a customer
// signature (settings.signer "customer") records the name typed next to
// the pad (designer/form/field_signature.go checks the setting).

/** Who signs a signature field. */
export type SignerMode = 'user' | 'customer';

/** The signer mode of a signature field's settings; "user" unless they say "customer". */
export function signerMode(settings: { [k: string]: unknown } | undefined): SignerMode {
  return settings?.signer === 'customer' ? 'customer' : 'user';
}

/**
 * Says whether the pad asks for the signer's name: always for a customer,
 * and for the user only when the app does not know their name.
 */
export function asksSigner(mode: SignerMode, user: string): boolean {
  return mode === 'customer' || user.trim() === '';
}

/** The signer to record: the typed name when the pad asks for one, else the user's. */
export function signerOf(mode: SignerMode, user: string, typed: string): string {
  return (asksSigner(mode, user) ? typed : user).trim();
}
