import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { CreateBucketCommand } from '@aws-sdk/client-s3';
import { createS3Client, type S3StoreSettings } from '../../server/attachments/s3-store';

/** What scripts/install-moto.mjs recorded. */
interface MotoManifest {
  version: string;
  python: string | null;
  pythonPath?: string;
  tried: string[];
}

const manifestFile = path.resolve(__dirname, '../../.tools/moto/moto.json');

function readManifest(): MotoManifest & { python: string } {
  const reason = '运行 `node scripts/install-moto.mjs`（npm install 会自动运行） / run `node scripts/install-moto.mjs`';
  if (!fs.existsSync(manifestFile)) throw new Error(`moto 未安装 / moto is not installed: ${reason}`);
  const manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8')) as MotoManifest;
  if (!manifest.python)
    throw new Error(`moto 未安装 / moto is not installed (${manifest.tried.join('; ')}): ${reason}`);
  return { ...manifest, python: manifest.python };
}

async function freeLoopbackPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function waitUntilServing(url: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`moto server exited with ${child.exitCode}: ${output()}`);
    try {
      const response = await fetch(`${url}/moto-api/`, { signal: AbortSignal.timeout(1000) });
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`moto server did not answer at ${url} within 30 s: ${output()}`);
}

/** A running moto server (the S3-compatible test server from PyPI) on a loopback port, with one bucket. */
export interface MotoS3 {
  settings: S3StoreSettings;
  stop(): Promise<void>;
}

/**
 * Starts the pinned moto server installed under `.tools/moto` on a free loopback port and creates `bucket` in it.
 * Fails with the reason when moto is missing; never skips.
 */
export async function startMotoS3(bucket = 'gongzhi-attachments'): Promise<MotoS3> {
  const manifest = readManifest();
  const port = await freeLoopbackPort();
  const env = {
    ...process.env,
    ...(manifest.pythonPath && { PYTHONPATH: manifest.pythonPath }),
    // The moto server must not reach out for anything.
    MOTO_ALLOW_NONEXISTENT_REGION: 'true',
  };
  const child = spawn(manifest.python, ['-m', 'moto.server', '-H', '127.0.0.1', '-p', String(port)], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  const collect = (chunk: Buffer) => {
    log = (log + chunk.toString()).slice(-4000);
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
  };
  try {
    await waitUntilServing(url, child, () => log);
    const settings: S3StoreSettings = {
      endpoint: url,
      bucket,
      region: 'us-east-1',
      credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' },
    };
    const client = createS3Client(settings);
    await client.send(new CreateBucketCommand({ Bucket: bucket }));
    client.destroy();
    return { settings, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
