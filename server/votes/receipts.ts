import { createHash, createHmac, randomBytes } from 'node:crypto';

/**
 * Receipt codes and ballot tokens. A receipt code is 12 Crockford base32 characters in three groups
 * (`7KQ2-M9XD-4TRA`, 60 bits): easy to read aloud and type, no I/L/O/U. Codes are derived, not drawn: an HMAC under the
 * server's receipt key ({@link receiptKeyOf}, derived from the login key, never the login key itself) of the owner's
 * token for an electronic cast, of the staff entry for a paper or proxy one. So a retried cast whose answer was lost
 * gets the same code again, nothing secret is stored, and only whoever holds the token (and the server) can compute an
 * electronic code. Only hashes are stored: sha256 of the normalised code for the cast (`ballot_receipts`), and sha256
 * of the code and the unit for each part's ballot row (`ballots.receipt_hash`, unique per box), so one code covers a
 * multi-part owner's parts.
 */
const crockford = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** The key receipt codes are derived with: HMAC-SHA256 of a fixed label under the login key (as sign-in codes are). */
export function receiptKeyOf(jwtSecret: Uint8Array): Uint8Array {
  return new Uint8Array(createHmac('sha256', jwtSecret).update('gongzhi ballot receipt codes v1').digest());
}

/** The first 60 bits of `bytes` as a grouped code. */
function codeOf(bytes: Uint8Array): string {
  let bits = 0n;
  for (const byte of bytes.subarray(0, 8)) bits = (bits << 8n) | BigInt(byte);
  let code = '';
  for (let index = 0; index < 12; index += 1) {
    code += crockford[Number(bits & 31n)];
    bits >>= 5n;
  }
  return `${code.slice(0, 4)}-${code.slice(4, 8)}-${code.slice(8)}`;
}

const derivedCode = (key: Uint8Array, material: string) =>
  codeOf(new Uint8Array(createHmac('sha256', key).update(material).digest()));

/** The receipt code of an electronic cast with `token` (the same on every retry). */
export function tokenReceiptCode(key: Uint8Array, token: string): string {
  return derivedCode(key, `gongzhi.receipt.token.v1\n${token}`);
}

/** The receipt code of the ballot a staff entry (paper or proxy) counted: by box and the entry's id. */
export function entryReceiptCode(key: Uint8Array, boxId: string, entryId: number): string {
  return derivedCode(key, `gongzhi.receipt.entry.v1\n${boxId}\n${entryId}`);
}

/** What a person typed, as stored: upper case, no dashes or spaces, I/L read as 1 and O as 0. */
export function normaliseReceiptCode(typed: string): string {
  return typed.replace(/[ -]/g, '').toUpperCase().replace(/[IL]/g, '1').replace(/O/g, '0');
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** sha256 hex of a cast's receipt code (the `ballot_receipts` key). */
export function receiptHash(code: string): string {
  return sha256(`gongzhi.receipt.v1\n${normaliseReceiptCode(code)}`);
}

/** sha256 hex of the code for one part's ballot row. */
export function partReceiptHash(code: string, unit: string): string {
  return sha256(`gongzhi.receipt.v1\n${normaliseReceiptCode(code)}\n${unit}`);
}

/** A fresh one-time ballot token: 128 random bits, base64url (22 characters). */
export function newBallotToken(): string {
  return randomBytes(16).toString('base64url');
}

/** sha256 hex of a ballot token (the only form stored). */
export function tokenHash(token: string): string {
  return sha256(`gongzhi.ballot-token.v1\n${token}`);
}

/** The ballot page of a token, as printed in the letter, sent by SMS or put in a QR code. */
export const ballotPagePath = (token: string): string => `/ballot/${token}`;
