import { ConfigError, loadConfig } from '../../server/config';

const s3 = {
  GONGZHI_ATTACHMENTS_S3_ENDPOINT: 'http://127.0.0.1:9000',
  GONGZHI_ATTACHMENTS_S3_BUCKET: 'gongzhi-evidence',
  GONGZHI_ATTACHMENTS_S3_ACCESS_KEY_ID: 'key-id',
  GONGZHI_ATTACHMENTS_S3_SECRET_ACCESS_KEY: 'very secret',
};

describe('the attachment settings', () => {
  test('given no attachment variables, when loading, then the database store and a 20 MiB limit apply', () => {
    expect(loadConfig({}).attachments).toEqual({ maxBytes: 20 * 1024 * 1024 });
  });

  test('given an S3 endpoint, bucket and keys, when loading, then the S3 store is chosen with them', () => {
    expect(loadConfig({ ...s3, GONGZHI_ATTACHMENTS_MAX_BYTES: '1048576' }).attachments).toEqual({
      maxBytes: 1048576,
      s3: {
        endpoint: 'http://127.0.0.1:9000',
        bucket: 'gongzhi-evidence',
        region: 'us-east-1',
        credentials: { accessKeyId: 'key-id', secretAccessKey: 'very secret' },
      },
    });
  });

  test.each([
    ['a limit of 0', { GONGZHI_ATTACHMENTS_MAX_BYTES: '0' }, 'GONGZHI_ATTACHMENTS_MAX_BYTES'],
    [
      'a limit over 100 MiB',
      { GONGZHI_ATTACHMENTS_MAX_BYTES: String(101 * 1024 * 1024) },
      'GONGZHI_ATTACHMENTS_MAX_BYTES',
    ],
    [
      'an endpoint without a bucket',
      { GONGZHI_ATTACHMENTS_S3_ENDPOINT: 'http://s3.local' },
      'GONGZHI_ATTACHMENTS_S3_BUCKET',
    ],
    ['a bucket name with capitals', { GONGZHI_ATTACHMENTS_S3_BUCKET: 'Evidence' }, 'GONGZHI_ATTACHMENTS_S3_BUCKET'],
    [
      'an endpoint that is not http(s)',
      { ...s3, GONGZHI_ATTACHMENTS_S3_ENDPOINT: 'ftp://x' },
      'GONGZHI_ATTACHMENTS_S3_ENDPOINT',
    ],
    [
      'a key id without its secret',
      { GONGZHI_ATTACHMENTS_S3_BUCKET: 'evidence', GONGZHI_ATTACHMENTS_S3_ACCESS_KEY_ID: 'id' },
      'GONGZHI_ATTACHMENTS_S3_SECRET_ACCESS_KEY',
    ],
  ])('given %s, when loading, then the variable is named in the error', (_case, env, variable) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(variable);
  });

  test('given a bad setting next to the S3 secret, when the error is shown, then the secret is not in it', () => {
    const env = { ...s3, GONGZHI_ATTACHMENTS_S3_SECRET_ACCESS_KEY: 'x'.repeat(201) };
    let message = '';
    try {
      loadConfig(env);
    } catch (error) {
      message = error instanceof Error ? error.message : '';
    }
    expect(message).toContain('GONGZHI_ATTACHMENTS_S3_SECRET_ACCESS_KEY=<已隐藏 / hidden>');
    expect(message).not.toContain('x'.repeat(201));
  });
});
