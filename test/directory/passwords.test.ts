import { scryptSync } from 'node:crypto';
import {
  currentScryptParameters,
  hashPassword,
  isPasswordHash,
  passwordNeedsRehash,
  verifyPassword,
} from '../../server/auth/passwords';

const b64 = (bytes: Buffer) => bytes.toString('base64').replace(/=+$/, '');

/** A hash made by hand with other parameters, as an older Gongzhi would have stored it. */
function handMadeHash(password: string, ln: number, r: number, p: number): string {
  const salt = Buffer.alloc(16, 7);
  const hash = scryptSync(password, salt, 32, { N: 2 ** ln, r, p, maxmem: 256 * 2 ** ln * r + 1024 * 1024 });
  return `$scrypt$ln=${ln},r=${r},p=${p}$${b64(salt)}$${b64(hash)}`;
}

describe('scrypt passwords', () => {
  let stored: string;
  beforeAll(async () => {
    stored = await hashPassword('吉盛 小区 9980');
  });

  test('given a password, when hashed, then the stored string names scrypt and its parameters', () => {
    const { ln, r, p } = currentScryptParameters;
    expect(stored).toMatch(new RegExp(`^\\$scrypt\\$ln=${ln},r=${r},p=${p}\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}$`));
    expect(isPasswordHash(stored)).toBe(true);
  });

  test('given one password hashed twice, when compared, then the salts (and hashes) differ', async () => {
    expect(await hashPassword('吉盛 小区 9980')).not.toBe(stored);
  });

  test.each([
    ['the same password', '吉盛 小区 9980', true],
    ['the same password in decomposed Unicode', '吉盛 小区 9980'.normalize('NFD'), true],
    ['another password', '吉盛 小区 9981', false],
    ['the password with a trailing space', '吉盛 小区 9980 ', false],
    ['an empty password', '', false],
  ])('given %s, when verified, then the answer is %s', async (_case, candidate, expected) => {
    expect(await verifyPassword(candidate, stored)).toBe(expected);
  });

  test('given a non-ASCII password with composed characters, when verified in decomposed form, then it matches', async () => {
    const composed = await hashPassword('café-passwort');
    expect(await verifyPassword('café-passwort'.normalize('NFD'), composed)).toBe(true);
  });

  test.each([
    ['an empty string', () => ''],
    ['another scheme', () => '$2b$10$abcdefghijklmnopqrstuu'],
    ['a hash with one byte changed', () => stored.slice(0, -2) + (stored.endsWith('A') ? 'BB' : 'AA')],
    ['a truncated hash', () => stored.slice(0, -10)],
    ['a cost beyond the allowed bound', () => stored.replace('ln=15', 'ln=25')],
    ['a block size of zero', () => stored.replace('r=8', 'r=0')],
  ])('given a stored value that is %s, when verified, then it never matches', async (_case, tamper) => {
    expect(await verifyPassword('吉盛 小区 9980', tamper())).toBe(false);
  });

  test('given a hash made with weaker parameters, when verified, then it still matches and asks to be rehashed', async () => {
    const older = handMadeHash('old password', 14, 8, 1);
    expect(await verifyPassword('old password', older)).toBe(true);
    expect(passwordNeedsRehash(older)).toBe(true);
    expect(passwordNeedsRehash(stored)).toBe(false);
  });
});
