import { createHash } from 'node:crypto';
import { Router } from 'express';

/**
 * `/api/docs`: a self-contained page (no CDN — Gongzhi runs offline) that reads `/api/openapi.json` and lists every
 * operation by tag with its parameters, request body, responses and error codes.
 */
export function apiDocsRouter(document: () => unknown): Router {
  const router = Router();
  router.get('/api/openapi.json', (_req, res) => {
    res.json(document());
  });
  router.get('/api/docs', (_req, res) => {
    res.type('html').send(docsPage);
  });
  return router;
}

const docsPage = `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>共治 Gongzhi API</title>
<style>
body{font:14px/1.5 system-ui,"Noto Sans CJK SC",sans-serif;margin:0 auto;max-width:1100px;padding:24px;color:#1f2328}
h2{border-bottom:1px solid #d0d7de;padding-bottom:4px;margin-top:32px}
details{border:1px solid #d0d7de;border-radius:6px;margin:8px 0;padding:6px 12px}
summary{cursor:pointer}
.m{display:inline-block;min-width:56px;font-weight:600;text-transform:uppercase}
.get{color:#0969da}.post{color:#1a7f37}.put{color:#9a6700}.delete{color:#cf222e}
code,pre{font-family:ui-monospace,monospace;font-size:12px}
pre{background:#f6f8fa;padding:8px;overflow:auto;max-height:360px}
table{border-collapse:collapse}td,th{border:1px solid #d0d7de;padding:2px 8px;text-align:left}
</style></head><body>
<h1>共治 Gongzhi API</h1>
<p>OpenAPI 3.1：<a href="/api/openapi.json">/api/openapi.json</a>。除登录与探针外，所有接口需 <code>Authorization: Bearer &lt;JWT&gt;</code>（POST /api/auth/login 获取）。
/ Every route but login and the probes needs a bearer token.</p>
<div id="ops">加载中… / loading…</div>
<script>
const esc = (s) => String(s).replace(/[&<>"]/g, (c) => ({'&':'&amp;','<':'&lt;','>':'&gt;','"':'&quot;'}[c]));
const json = (v) => '<pre>' + esc(JSON.stringify(v, null, 2)) + '</pre>';
fetch('/api/openapi.json').then((r) => r.json()).then((doc) => {
  const byTag = {};
  for (const [path, ops] of Object.entries(doc.paths))
    for (const [method, op] of Object.entries(ops)) (byTag[op.tags[0]] ??= []).push({ path, method, op });
  let html = '';
  for (const [tag, list] of Object.entries(byTag)) {
    html += '<h2>' + esc(tag) + '</h2>';
    for (const { path, method, op } of list) {
      html += '<details><summary><span class="m ' + method + '">' + method + '</span> <code>' + esc(path) +
        '</code> — ' + esc(op.summary) + '</summary>';
      if (op.parameters.length) html += '<h4>参数 / parameters</h4><table><tr><th>name</th><th>in</th><th>required</th><th>schema</th></tr>' +
        op.parameters.map((p) => '<tr><td><code>' + esc(p.name) + '</code></td><td>' + p.in + '</td><td>' + p.required +
        '</td><td><code>' + esc(JSON.stringify(p.schema)) + '</code>' + (p.description ? ' ' + esc(p.description) : '') + '</td></tr>').join('') + '</table>';
      if (op.requestBody) html += '<h4>请求体 / request body</h4>' + json(op.requestBody.content['application/json'].schema);
      html += '<h4>响应 / responses</h4>';
      for (const [status, r] of Object.entries(op.responses)) {
        const schema = r.content && Object.values(r.content)[0].schema;
        html += '<p><b>' + status + '</b> ' + esc(r.description) + '</p>' + (schema && !schema.$ref ? json(schema) : '');
      }
      html += '</details>';
    }
  }
  document.getElementById('ops').innerHTML = html;
}).catch((e) => { document.getElementById('ops').textContent = '加载失败 / failed: ' + e; });
</script></body></html>`;

/** The CSP source (`'sha256-…'`) of the docs page's one inline element between `open` and `close`. */
function inlineHash(open: string, close: string): string {
  const start = docsPage.indexOf(open) + open.length;
  const body = docsPage.slice(start, docsPage.indexOf(close, start));
  return `'sha256-${createHash('sha256').update(body, 'utf8').digest('base64')}'`;
}

/** The hashes a content-security policy must allow for the docs page's inline script and style (no CDN, no nonce). */
export const docsPageInlineSources = {
  script: inlineHash('<script>', '</script>'),
  style: inlineHash('<style>', '</style>'),
};
