import request from 'supertest';
import { sessionLimits } from '../../server/auth/sessions';
import { ensureDemoData } from '../../server/directory/demo/ensure-demo-data';
import { demoPassword } from '../../server/directory/demo/demo-users';
import { hashPassword } from '../../server/auth/passwords';
import { testDialects, useTestDatabases } from '../support/postgres';
import { bilingual, testApp } from './harness';

const username = 'jisheng-sq-staff';

describe.each(testDialects)('sliding login sessions on %s', (dialect) => {
  const databases = useTestDatabases(dialect);

  async function signedIn() {
    await ensureDemoData(databases.db());
    const harness = testApp(databases.db());
    const login = await request(harness.app).post('/api/auth/login').send({ username, password: demoPassword });
    expect(login.status).toBe(200);
    return { ...harness, token: login.body.token as string };
  }

  const me = (app: Parameters<typeof request>[0], token: string) =>
    request(app).get('/api/me').set('authorization', `Bearer ${token}`);
  const refresh = (app: Parameters<typeof request>[0], token: string) =>
    request(app).post('/api/auth/refresh').set('authorization', `Bearer ${token}`);

  test('given a token past its 15 minutes, when refreshed within the session, then a new token works and the old one stays expired', async () => {
    const { app, token, advance } = await signedIn();
    advance(20 * 60);
    expect((await me(app, token)).body.code).toBe('auth.expired-token');
    const refreshed = await refresh(app, token);
    expect(refreshed.status).toBe(200);
    expect((await me(app, refreshed.body.token)).status).toBe(200);
    // Refreshing again and again keeps the session alive for a long form.
    advance(50 * 60);
    const again = await refresh(app, refreshed.body.token);
    expect(again.status).toBe(200);
    expect((await me(app, again.body.token)).status).toBe(200);
  });

  test('given a session idle longer than the idle limit, when refreshed, then 401 auth.session-ended (idle)', async () => {
    const { app, token, advance } = await signedIn();
    advance(sessionLimits.idleSeconds + 60);
    const response = await refresh(app, token);
    expect(response.status).toBe(401);
    expect(response.body).toMatchObject({ code: 'auth.session-ended', details: { reason: 'idle' } });
    expect(response.body.message).toMatch(bilingual);
  });

  test('given a session refreshed every 90 minutes, when it reaches the absolute limit, then 401 auth.session-ended (expired)', async () => {
    const { app, advance, token: first } = await signedIn();
    let token = first;
    const step = 90 * 60;
    for (let elapsed = step; elapsed < sessionLimits.absoluteSeconds; elapsed += step) {
      advance(step);
      const refreshed = await refresh(app, token);
      expect(refreshed.status).toBe(200);
      token = refreshed.body.token;
    }
    advance(step);
    const response = await refresh(app, token);
    expect(response.body).toMatchObject({ code: 'auth.session-ended', details: { reason: 'expired' } });
  });

  test('given a signed-in user, when they log out, then their token and its refresh are refused', async () => {
    const { app, token } = await signedIn();
    const logout = await request(app).post('/api/auth/logout').set('authorization', `Bearer ${token}`);
    expect(logout.status).toBe(204);
    const after = await me(app, token);
    expect(after.status).toBe(401);
    expect(after.body).toMatchObject({ code: 'auth.session-ended', details: { reason: 'revoked' } });
    expect((await refresh(app, token)).body.code).toBe('auth.session-ended');
  });

  test('given a signed-in user, when their password changes (by any path), then every session of theirs ends', async () => {
    const { app, token } = await signedIn();
    const second = await request(app).post('/api/auth/login').send({ username, password: demoPassword });
    await databases
      .db()
      .query('UPDATE users SET password_hash = $2 WHERE username = $1', [
        username,
        await hashPassword('new password!'),
      ]);
    for (const old of [token, second.body.token as string]) {
      expect((await me(app, old)).body.code).toBe('auth.session-ended');
      expect((await refresh(app, old)).body.code).toBe('auth.session-ended');
    }
    const fresh = await request(app).post('/api/auth/login').send({ username, password: 'new password!' });
    expect((await me(app, fresh.body.token)).status).toBe(200);
  });

  test('given a token of another signing key, when refreshed, then 401 auth.invalid-token', async () => {
    const { app } = await signedIn();
    const forged = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJqaXNoZW5nLXNxLXN0YWZmIiwic2lkIjoieCJ9.c2lnbmF0dXJl';
    expect((await refresh(app, forged)).body.code).toBe('auth.invalid-token');
  });
});
