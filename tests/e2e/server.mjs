// A tiny static file server for the browser tests: node's http module, no dependencies.
//
//   const { url, close } = await serve('/path/to/dist', { prefix: '/tools/credits/' });
//
// Listens on 127.0.0.1 with a port the OS chooses. Files under `dir` are served under `prefix`;
// the prefix root (and `index.html` itself) gets `index.html`; anything else is 404.
// `url` is the full URL of the prefix root, e.g. http://127.0.0.1:41234/tools/credits/
//
// Options used by the benchmark only (tests/e2e/bench.mjs); both are off by default, so the
// whole-page tests get exactly the uncompressed files:
//   gzip: true    answer `Accept-Encoding: gzip` with `Content-Encoding: gzip` (level 9) for the
//                 compressible types (HTML, JS, CSS, Wasm, JSON, SVG, text), each file compressed
//                 once and kept in memory (keyed by path, size and mtime), with
//                 `Vary: Accept-Encoding`; as a host that compresses ahead of time would
//   files: {'rel/path.html': string | Buffer, …}
//                 extra documents held in memory, served under `prefix` like the files of `dir`
//                 (and before them), e.g. the benchmark's static baseline pages
import http from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';

const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};

/** Types worth compressing; images and fonts are compressed already. */
const COMPRESSIBLE = new Set([
  '.html',
  '.js',
  '.mjs',
  '.css',
  '.wasm',
  '.json',
  '.webmanifest',
  '.svg',
  '.ico',
  '.txt',
  '.map',
]);

/** Whether an Accept-Encoding header accepts gzip (a `q=0` refuses it). */
export function acceptsGzip(header) {
  for (const part of String(header || '').split(',')) {
    const [coding, ...params] = part.trim().toLowerCase().split(';');
    if (coding.trim() !== 'gzip' && coding.trim() !== '*') continue;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    if (!q || Number.parseFloat(q.slice(2)) > 0) return true;
  }
  return false;
}

function normalisePrefix(prefix) {
  let p = String(prefix || '/');
  if (!p.startsWith('/')) p = '/' + p;
  if (!p.endsWith('/')) p += '/';
  return p;
}

export async function serve(dir, { prefix = '/', gzip = false, files = {} } = {}) {
  const root = path.resolve(dir instanceof URL ? fileURLToPath(dir) : String(dir));
  const pre = normalisePrefix(prefix);
  const extra = new Map(
    Object.entries(files).map(([rel, body]) => [rel.replace(/^\/+/, ''), Buffer.from(body)]),
  );
  // gzip bodies by source key; a promise, so concurrent first requests compress once.
  const gzipped = new Map();
  const compressOnce = (key, body) => {
    if (!gzipped.has(key)) {
      gzipped.set(
        key,
        new Promise((resolve, reject) =>
          zlib.gzip(body, { level: 9 }, (err, out) => (err ? reject(err) : resolve(out))),
        ),
      );
    }
    return gzipped.get(key);
  };

  const server = http.createServer(async (req, res) => {
    const send = (status, body, type = 'text/plain; charset=utf-8') => {
      res.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store' });
      res.end(req.method === 'HEAD' ? undefined : body);
    };
    try {
      if (req.method !== 'GET' && req.method !== 'HEAD') return send(405, 'method not allowed\n');
      const pathname = new URL(req.url, 'http://localhost').pathname;
      // The prefix without its trailing slash redirects to the prefix root, like a real host.
      if (pre !== '/' && pathname === pre.slice(0, -1)) {
        res.writeHead(301, { Location: pre + (new URL(req.url, 'http://localhost').search || '') });
        return res.end();
      }
      if (!pathname.startsWith(pre)) return send(404, 'not found\n');
      let rel;
      try {
        rel = decodeURIComponent(pathname.slice(pre.length));
      } catch {
        return send(400, 'bad request\n');
      }
      if (rel === '') rel = 'index.html';
      let body;
      let key;
      if (extra.has(rel)) {
        body = extra.get(rel);
        key = `files:${rel}`;
      } else {
        const file = path.resolve(root, rel);
        if (file !== root && !file.startsWith(root + path.sep)) return send(404, 'not found\n');
        let info;
        try {
          info = await stat(file);
        } catch {
          return send(404, 'not found\n');
        }
        if (!info.isFile()) return send(404, 'not found\n');
        body = await readFile(file);
        key = `${file}:${info.size}:${info.mtimeMs}`;
      }
      const ext = path.extname(rel).toLowerCase();
      const type = MIME[ext] || 'application/octet-stream';
      const headers = {
        'Content-Type': type,
        'Cache-Control': 'no-store',
        // As README's publishing section asks of hosts: a sandboxed embed (opaque origin) loads
        // the module script and the Wasm with CORS.
        'Access-Control-Allow-Origin': '*',
      };
      if (gzip && COMPRESSIBLE.has(ext)) {
        headers.Vary = 'Accept-Encoding';
        if (acceptsGzip(req.headers['accept-encoding'])) {
          body = await compressOnce(key, body);
          headers['Content-Encoding'] = 'gzip';
        }
      }
      headers['Content-Length'] = body.length;
      res.writeHead(200, headers);
      res.end(req.method === 'HEAD' ? undefined : body);
    } catch (err) {
      send(500, `server error: ${err && err.message}\n`);
    }
  });

  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address();
  const url = `http://127.0.0.1:${port}${pre}`;

  const close = () =>
    new Promise((resolve) => {
      server.close(() => resolve());
      // Keep-alive connections from the browser would otherwise hold close() open.
      if (typeof server.closeAllConnections === 'function') server.closeAllConnections();
    });

  return { url, close };
}
