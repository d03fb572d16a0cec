import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { jwtSecretFileName, loadOrCreateJwtSecret } from '../../server/auth/settings';

describe('loadOrCreateJwtSecret', () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'gongzhi-secret-')), 'data');
  });
  afterEach(() => fs.rmSync(path.dirname(dataDir), { recursive: true, force: true }));

  test('given no secret anywhere, when loading twice, then one 32-byte key is generated, persisted 0600 and reused', async () => {
    const first = await loadOrCreateJwtSecret(dataDir);
    const second = await loadOrCreateJwtSecret(dataDir);
    expect(first.length).toBe(32);
    expect(Buffer.from(second).equals(Buffer.from(first))).toBe(true);
    expect(fs.statSync(path.join(dataDir, jwtSecretFileName)).mode & 0o777).toBe(0o600);
  });

  test('given GONGZHI_JWT_SECRET, when loading, then its bytes are the key and no file is written', async () => {
    const secret = 'an environment secret of 32+ bytes!!';
    const key = await loadOrCreateJwtSecret(dataDir, secret);
    expect(new TextDecoder().decode(key)).toBe(secret);
    expect(fs.existsSync(path.join(dataDir, jwtSecretFileName))).toBe(false);
  });

  test.each([['short'], ['31 bytes of secret material.....'.slice(0, 31)]])(
    'given the too-short secret %j, when loading, then it is refused',
    async (secret) => {
      await expect(loadOrCreateJwtSecret(dataDir, secret)).rejects.toThrow(/GONGZHI_JWT_SECRET/);
    },
  );

  test('given a corrupted key file, when loading, then it is refused rather than used', async () => {
    fs.mkdirSync(dataDir, { recursive: true });
    fs.writeFileSync(path.join(dataDir, jwtSecretFileName), 'not hex');
    await expect(loadOrCreateJwtSecret(dataDir)).rejects.toThrow(/malformed/);
  });
});
