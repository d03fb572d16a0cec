import fs from 'node:fs';
import path from 'node:path';
import express, { Router, type Response } from 'express';
import { say } from './errors';

/** designer/dist, where `npm run build:designer` (run by `npm install`) puts the SPA. */
export const defaultDesignerDir = path.resolve(__dirname, '..', '..', 'designer', 'dist');

/** Hashed build output (`/assets/index-3f9a….js`): its name changes with its content, so a browser may keep it. */
const immutable = 'public, max-age=31536000, immutable';

/**
 * Serves the designer SPA: its files, `ballot.html` (the owners' own small entry) for `/ballot/*`, and `index.html`
 * for any other GET outside `/api` (client-side routes). Hashed assets are cached for a year, the HTML pages are
 * revalidated on every load (so a new build is picked up at once). A ballot's page names its API answer in a `Link:
 * rel=preload` header, so the phone fetches it beside the scripts. Compression is the app's (`compression` in
 * create-app). Without a build, `/` says how to make one instead of a bare 404.
 */
export function designerRouter(designerDir: string | undefined): Router {
  const router = Router();
  const index = designerDir && path.join(designerDir, 'index.html');
  if (!designerDir || !index || !fs.existsSync(index)) {
    router.get('/', (_req, res) => {
      res
        .status(503)
        .type('text/plain; charset=utf-8')
        .send(
          `${say('设计器尚未构建：请运行 npm run build:designer', 'the designer is not built: run npm run build:designer')}\n`,
        );
    });
    return router;
  }
  const ballot = path.join(designerDir, 'ballot.html');
  const ballotPage = fs.existsSync(ballot) ? ballot : index;
  router.use(
    express.static(designerDir, {
      index: 'index.html',
      setHeaders: (res: Response, file: string) => {
        const inAssets = path.relative(path.join(designerDir, 'assets'), file);
        const hashed = !inAssets.startsWith('..') && !path.isAbsolute(inAssets);
        res.setHeader('cache-control', hashed ? immutable : 'no-cache');
      },
    }),
  );
  router.get(/^\/(?!api\/|api$|metrics$|healthz$|readyz$).*/, (req, res, next) => {
    // A missing asset is a 404, not the app shell; a numeric "extension" is a node instance in a page's address
    // (`/cases/:id/meetings/meeting.1`), never a file type.
    const extension = path.extname(req.path);
    if (extension !== '' && !/^\.\d+$/.test(extension)) return next();
    res.setHeader('cache-control', 'no-cache');
    const ballotToken = /^\/ballot\/([A-Za-z0-9_-]+)$/.exec(req.path)?.[1];
    // The ballot's own answer starts downloading beside the page's scripts, not after them (a round trip saved).
    if (ballotToken && ballotToken !== 'receipt')
      res.setHeader('link', `</api/ballot/${ballotToken}>; rel=preload; as=fetch; crossorigin`);
    res.sendFile(req.path === '/ballot' || req.path.startsWith('/ballot/') ? ballotPage : index);
  });
  return router;
}
