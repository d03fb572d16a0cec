import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';

/** How login tokens are signed and how long they live. */
export interface AuthSettings {
  /** HS256 key (at least 32 bytes). */
  jwtSecret: Uint8Array;
  /** Lifetime of an issued token; 900 (15 minutes) by default. */
  tokenTtlSeconds: number;
  /** The `iss` claim issued and required. */
  issuer: string;
  /** An external OpenID Connect issuer whose tokens are accepted too (optional). */
  oidc?: OidcVerifier;
}

/** Verifies a token of the external issuer; built by `createOidcVerifier` (server/auth/oidc.ts). */
export interface OidcVerifier {
  issuer: string;
  /** The directory username the token names, or why it is refused. */
  verify(
    token: string,
    now: Date,
  ): Promise<{ ok: true; username: string } | { ok: false; problem: 'invalid' | 'expired' }>;
}

export const defaultTokenTtlSeconds = 15 * 60;
export const defaultIssuer = 'gongzhi';

/** The file under the data directory holding the generated signing key. */
export const jwtSecretFileName = 'jwt-secret';

const minimumSecretBytes = 32;

/**
 * The token signing key: `fromEnvironment` (`GONGZHI_JWT_SECRET`, at least 32 bytes of UTF-8) when given, otherwise
 * `<dataDir>/jwt-secret` — created with 32 random bytes (hex, mode 0600) when absent, so tokens stay valid across
 * restarts of one installation. Instances sharing a database but not a data dir must set `GONGZHI_JWT_SECRET`.
 */
export async function loadOrCreateJwtSecret(dataDir: string, fromEnvironment?: string): Promise<Uint8Array> {
  if (fromEnvironment !== undefined && fromEnvironment !== '') {
    const bytes = new TextEncoder().encode(fromEnvironment);
    if (bytes.length < minimumSecretBytes) {
      throw new Error(
        `GONGZHI_JWT_SECRET 太短，至少需要 ${minimumSecretBytes} 字节 / GONGZHI_JWT_SECRET must be at least ${minimumSecretBytes} bytes`,
      );
    }
    return bytes;
  }
  const file = path.join(dataDir, jwtSecretFileName);
  await fs.mkdir(dataDir, { recursive: true });
  try {
    // `wx`: never overwrite — when two processes start at once, the loser reads the winner's key.
    await fs.writeFile(file, `${randomBytes(minimumSecretBytes).toString('hex')}\n`, { flag: 'wx', mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  const text = (await fs.readFile(file, 'utf8')).trim();
  if (!/^[0-9a-f]{64,}$/.test(text)) {
    throw new Error(`签名密钥文件损坏：${file} / the signing key file is malformed: ${file}`);
  }
  return Uint8Array.from(Buffer.from(text, 'hex'));
}
