import { once } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { exportJWK, generateKeyPair, SignJWT, type JWK, type KeyLike } from 'jose';
import request from 'supertest';
import { createOidcVerifier } from '../../server/auth/oidc';
import { ensureDemoData } from '../../server/directory/demo/ensure-demo-data';
import { useTestDatabases } from '../support/postgres';
import { testApp, testAuth } from './harness';

/**
 * OIDC: tokens of an external issuer are verified against its JWKS. The issuer is the one thing that crosses the
 * machine's edge, so it is stood in for by a loopback server publishing a discovery document and a real key set.
 */
describe('tokens from an external OIDC issuer', () => {
  const databases = useTestDatabases('pglite');
  let issuerServer: Server;
  let issuer: string;
  let signingKey: KeyLike;
  let strangerKey: KeyLike;

  beforeAll(async () => {
    const pair = await generateKeyPair('RS256');
    signingKey = pair.privateKey;
    strangerKey = (await generateKeyPair('RS256')).privateKey;
    const publicJwk: JWK = { ...(await exportJWK(pair.publicKey)), kid: 'key-1', alg: 'RS256', use: 'sig' };
    const app = express();
    app.get('/.well-known/openid-configuration', (_req, res) => {
      res.json({ issuer, jwks_uri: `${issuer}/jwks` });
    });
    app.get('/jwks', (_req, res) => {
      res.json({ keys: [publicJwk] });
    });
    issuerServer = app.listen(0, '127.0.0.1');
    await once(issuerServer, 'listening');
    issuer = `http://127.0.0.1:${(issuerServer.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await new Promise((resolve) => issuerServer.close(resolve));
  });

  beforeEach(async () => {
    await ensureDemoData(databases.db());
  });

  async function appWithOidc() {
    const oidc = await createOidcVerifier({ issuer, audience: 'gongzhi', usernameClaim: 'preferred_username' });
    return testApp(databases.db(), { auth: { ...testAuth, oidc } });
  }

  const token = (
    claims: Record<string, unknown>,
    options: { key?: KeyLike; audience?: string; expiresAt?: number; issuer?: string } = {},
  ) =>
    new SignJWT(claims)
      .setProtectedHeader({ alg: 'RS256', kid: 'key-1' })
      .setIssuer(options.issuer ?? issuer)
      .setAudience(options.audience ?? 'gongzhi')
      .setIssuedAt()
      .setExpirationTime(options.expiresAt ?? '10m')
      .sign(options.key ?? signingKey);

  test('given a token of the issuer naming a directory user, when calling /api/me, then the user comes back with their roles', async () => {
    const { app } = await appWithOidc();
    const response = await request(app)
      .get('/api/me')
      .set('authorization', `Bearer ${await token({ preferred_username: 'jisheng-pm' })}`);
    expect(response.status).toBe(200);
    expect(response.body.user.username).toBe('jisheng-pm');
    expect(response.body.user.memberships).toContainEqual(expect.objectContaining({ role: 'property-manager' }));
  });

  test.each([
    [
      'another audience',
      () => token({ preferred_username: 'jisheng-pm' }, { audience: 'someone-else' }),
      'auth.invalid-token',
    ],
    [
      'a key not in the JWKS',
      () => token({ preferred_username: 'jisheng-pm' }, { key: strangerKey }),
      'auth.invalid-token',
    ],
    ['no username claim', () => token({ sub: 'abc' }), 'auth.invalid-token'],
    ['a user unknown to the directory', () => token({ preferred_username: 'nobody-known' }), 'auth.invalid-token'],
    [
      'an expired token',
      () => token({ preferred_username: 'jisheng-pm' }, { expiresAt: 1_600_000_000 }),
      'auth.expired-token',
    ],
    [
      'an HS256 token claiming the OIDC issuer (algorithm confusion)',
      () =>
        new SignJWT({ preferred_username: 'jisheng-pm' })
          .setProtectedHeader({ alg: 'HS256' })
          .setIssuer(issuer)
          .setAudience('gongzhi')
          .setExpirationTime('10m')
          .sign(testAuth.jwtSecret),
      'auth.invalid-token',
    ],
  ])('given %s, when calling /api/me, then 401 %s', async (_, makeToken, code) => {
    const { app } = await appWithOidc();
    const response = await request(app)
      .get('/api/me')
      .set('authorization', `Bearer ${await makeToken()}`);
    expect(response.status).toBe(401);
    expect(response.body.code).toBe(code);
  });

  test('given OIDC configured, when a local password login token is used, then it still works', async () => {
    const { app } = await appWithOidc();
    const login = await request(app).post('/api/auth/login').send({ username: 'jisheng-pm', password: 'gongzhi-demo' });
    const me = await request(app).get('/api/me').set('authorization', `Bearer ${login.body.token}`);
    expect(me.status).toBe(200);
  });
});
