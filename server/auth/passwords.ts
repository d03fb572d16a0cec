import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/**
 * Password hashing with scrypt (node:crypto). A stored hash is a PHC-style string carrying its own parameters,
 * `$scrypt$ln=15,r=8,p=1$<salt>$<hash>` (base64 without padding), so the cost can be raised later: old hashes still
 * verify, and {@link passwordNeedsRehash} tells the login route to store a fresh hash.
 */

/** The parameters new hashes get: N = 2^15, r = 8, p = 1 — 32 MiB and a few dozen milliseconds per hash. */
export const currentScryptParameters = { ln: 15, r: 8, p: 1 } as const;

interface ScryptParameters {
  /** log2 of the CPU/memory cost N. */
  ln: number;
  /** block size */
  r: number;
  /** parallelism */
  p: number;
}

const saltBytes = 16;
const hashBytes = 32;

/** Bounds on parameters read from a stored hash, so a tampered row cannot make one login take minutes or gigabytes. */
const limits = { ln: [10, 20], r: [1, 32], p: [1, 16] } as const;

const storedHashPattern =
  /^\$scrypt\$ln=(\d{1,2}),r=(\d{1,2}),p=(\d{1,2})\$([A-Za-z0-9+/]{16,})\$([A-Za-z0-9+/]{16,})$/;

/** Hashes `password` with a fresh random salt and the {@link currentScryptParameters}. */
export async function hashPassword(password: string): Promise<string> {
  if (password.length === 0) throw new Error('hashPassword: empty password');
  const salt = randomBytes(saltBytes);
  const hash = await derive(password, salt, hashBytes, currentScryptParameters);
  const { ln, r, p } = currentScryptParameters;
  return `$scrypt$ln=${ln},r=${r},p=${p}$${encode(salt)}$${encode(hash)}`;
}

/**
 * Whether `password` matches `storedHash`, compared in constant time. A stored value that is not a well-formed hash
 * of this scheme (or has out-of-bounds parameters) never matches.
 */
export async function verifyPassword(password: string, storedHash: string): Promise<boolean> {
  const parsed = parseStoredHash(storedHash);
  if (!parsed || password.length === 0) return false;
  const candidate = await derive(password, parsed.salt, parsed.hash.length, parsed.parameters);
  return timingSafeEqual(candidate, parsed.hash);
}

/** Whether `storedHash` is well-formed: what an import checks before accepting a pre-hashed password. */
export function isPasswordHash(storedHash: string): boolean {
  return parseStoredHash(storedHash) !== undefined;
}

/** Whether `storedHash` was made with weaker parameters than new hashes get (so it should be replaced at login). */
export function passwordNeedsRehash(storedHash: string): boolean {
  const parsed = parseStoredHash(storedHash);
  if (!parsed) return true;
  const { ln, r, p } = parsed.parameters;
  return ln < currentScryptParameters.ln || r < currentScryptParameters.r || p < currentScryptParameters.p;
}

function parseStoredHash(storedHash: string): { parameters: ScryptParameters; salt: Buffer; hash: Buffer } | undefined {
  const match = storedHashPattern.exec(storedHash);
  if (!match) return undefined;
  const parameters = { ln: Number(match[1]), r: Number(match[2]), p: Number(match[3]) };
  const withinLimits = (Object.keys(limits) as (keyof typeof limits)[]).every(
    (key) => parameters[key] >= limits[key][0] && parameters[key] <= limits[key][1],
  );
  if (!withinLimits) return undefined;
  const salt = Buffer.from(match[4] ?? '', 'base64');
  const hash = Buffer.from(match[5] ?? '', 'base64');
  if (salt.length < saltBytes || hash.length < hashBytes) return undefined;
  return { parameters, salt, hash };
}

function derive(password: string, salt: Buffer, length: number, { ln, r, p }: ScryptParameters): Promise<Buffer> {
  const N = 2 ** ln;
  // scrypt needs 128·N·r bytes; leave room so raised parameters do not trip Node's 32 MiB default.
  const options: ScryptOptions = { N, r, p, maxmem: 256 * N * r + 1024 * 1024 };
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFC'), salt, length, options, (error, key) => (error ? reject(error) : resolve(key)));
  });
}

function encode(bytes: Buffer): string {
  return bytes.toString('base64').replace(/=+$/, '');
}
