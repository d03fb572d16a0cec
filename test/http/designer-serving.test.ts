import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import compression from 'compression';
import express from 'express';
import request from 'supertest';
import { designerRouter } from '../../server/http/designer';

/** A designer build in miniature: the two pages and one hashed asset big enough to be compressed. */
function fakeBuild(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gongzhi-designer-'));
  fs.mkdirSync(path.join(dir, 'assets'));
  fs.writeFileSync(path.join(dir, 'index.html'), '<title>staff</title>');
  fs.writeFileSync(path.join(dir, 'ballot.html'), '<title>ballot</title>');
  fs.writeFileSync(path.join(dir, 'assets', 'ballot-Ab12.js'), 'console.log("ballot");\n'.repeat(200));
  return dir;
}

describe('serving the designer build', () => {
  const dir = fakeBuild();
  const app = express().use(compression()).use(designerRouter(dir));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test("given a ballot link, when a phone opens it, then it gets the owners' small page, revalidated, with its answer preloaded", async () => {
    const page = await request(app).get('/ballot/AbCdEfGhIjKlMnOpQrStUv');
    expect(page.status).toBe(200);
    expect(page.text).toContain('ballot');
    expect(page.headers['cache-control']).toBe('no-cache');
    expect(page.headers.link).toBe('</api/ballot/AbCdEfGhIjKlMnOpQrStUv>; rel=preload; as=fetch; crossorigin');
    const lookup = await request(app).get('/ballot/receipt');
    expect(lookup.text).toContain('ballot');
    expect(lookup.headers.link).toBeUndefined();
  });

  test("given a staff address, when it is opened, then it gets the staff app's page, revalidated", async () => {
    for (const address of ['/', '/cases/case-1', '/votes/case-1~vote.1']) {
      const page = await request(app).get(address);
      expect(page.text).toContain('staff');
      expect(page.headers['cache-control']).toBe('no-cache');
    }
  });

  test('given a hashed asset, when a browser asks for it compressed, then it comes compressed and cached for a year', async () => {
    const asset = await request(app).get('/assets/ballot-Ab12.js').set('accept-encoding', 'br, gzip');
    expect(asset.status).toBe(200);
    expect(asset.headers['content-encoding']).toMatch(/^(br|gzip)$/);
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });
});
