import { createHash, randomBytes } from 'node:crypto';

/**
 * Receipt codes and ballot tokens. A receipt code is 12 Crockford base32 characters in three groups
 * (`7KQ2-M9XD-4TRA`, 60 random bits): easy to read aloud and type, no I/L/O/U. Only hashes are stored: sha256 of the
 * normalised code for the cast (`ballot_receipts`), and sha256 of the code and the unit for each part's ballot row
 * (`ballots.receipt_hash`, unique per box), so one code covers a multi-part owner's parts.
 */
const crockford = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A fresh receipt code, grouped for reading. */
export function newReceiptCode(): string {
  const bytes = randomBytes(8);
  let bits = 0n;
  for (const byte of bytes) bits = (bits << 8n) | BigInt(byte);
  let code = '';
  for (let index = 0; index < 12; index += 1) {
    code += crockford[Number(bits & 31n)];
    bits >>= 5n;
  }
  return `${code.slice(0, 4)}-${code.slice(4, 8)}-${code.slice(8)}`;
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
