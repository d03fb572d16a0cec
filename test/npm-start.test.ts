import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { testTemporalAddress } from './support/temporal-env';

/**
 * `npm start` itself (server/main.ts) as a person runs it, against the test run's Temporal server: it prints the
 * designer/API address and the demo logins, serves the API and the designer, exposes the Temporal SDK's metrics in
 * /metrics beside its own, and stops cleanly on Ctrl-C.
 */
describe('npm start', () => {
  let child: ChildProcess | undefined;
  let dataDir: string;
  let output = '';

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'gongzhi-npm-start-'));
  });

  afterAll(async () => {
    if (child && child.exitCode === null) child.kill('SIGKILL');
    await rm(dataDir, { recursive: true, force: true });
  });

  test('given a fresh data dir, when started and then interrupted, then it serves everything and stops with exit code 0', async () => {
    const { address, namespace } = testTemporalAddress();
    child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
      cwd: path.resolve(__dirname, '..'),
      env: {
        ...process.env,
        GONGZHI_DATA_DIR: dataDir,
        PORT: '0',
        TEMPORAL_ADDRESS: address,
        TEMPORAL_NAMESPACE: namespace,
        GONGZHI_TASK_QUEUE: `npm-start-${randomUUID()}`,
        LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));

    const started = Date.now();
    let baseUrl: string | undefined;
    while (!baseUrl) {
      if (child.exitCode !== null) throw new Error(`npm start exited early (${child.exitCode}):\n${output}`);
      if (Date.now() - started > 90_000) throw new Error(`npm start printed no address in 90 s:\n${output}`);
      baseUrl = /designer & API:\s+(http:\/\/127\.0\.0\.1:\d+)\//.exec(output)?.[1];
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(output).toContain('jizhou-admin (district-admin)');

    const login = await fetch(`${baseUrl}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'jizhou-admin', password: 'gongzhi-demo' }),
    });
    expect(login.status).toBe(200);
    const { token } = (await login.json()) as { token: string };
    const templates = await fetch(`${baseUrl}/api/templates`, { headers: { authorization: `Bearer ${token}` } });
    const keys = ((await templates.json()) as { templates: { key: string }[] }).templates.map((t) => t.key);
    expect(keys).toEqual(expect.arrayContaining(['resident-complaint', 'maintenance-fund-repair']));

    const home = await fetch(`${baseUrl}/`);
    expect(home.status).toBe(200);
    expect(await home.text()).toContain('<div id="root">');

    const ready = await fetch(`${baseUrl}/readyz`);
    expect(await ready.json()).toMatchObject({ status: 'ready' });

    // The SDK exports its metrics once the worker has polled; give it a moment.
    let metrics = '';
    for (let attempt = 0; attempt < 50 && !/^temporal_/m.test(metrics); attempt += 1) {
      metrics = await (await fetch(`${baseUrl}/metrics`)).text();
      if (!/^temporal_/m.test(metrics)) await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(metrics).toMatch(/^gongzhi_http_requests_total/m);
    expect(metrics).toMatch(/^temporal_\w+/m);

    child.kill('SIGINT');
    const code = await new Promise<number | null>((resolve) => child!.once('exit', resolve));
    expect({ code, output: code === 0 ? '' : output }).toEqual({ code: 0, output: '' });
  }, 180_000);
});
