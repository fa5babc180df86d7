// Gives a built index.html its Content Security Policy (run last by scripts/post-build.mjs, after
// every inline script is final).
//
// The page's inline scripts (the boot script and the Wasm loader, which names the hashed build
// folder) change with every build, so the policy allows exactly those scripts by their SHA-256
// hashes and nothing else inline. No inline styles anywhere: the prerendered markup has no
// `style` attributes (scripts/prerender.mjs refuses them) and the app sets styles only through
// the CSSOM. `node scripts/csp.mjs DIR` works on any built folder.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export function writeCsp(dir) {
  const file = path.join(dir, 'index.html');
  let html = readFileSync(file, 'utf8');
  html = html.replace(/\s*<meta http-equiv="Content-Security-Policy"[^>]*>/, '');
  // `trunk serve` (scripts/serve) injects its live-reload script with placeholders it fills in
  // as it serves the page, which would change the script after it was hashed: the policy then
  // blocked it (a console error on every page, and no reload). Filled in here instead, with what
  // Trunk itself falls back to for the address, and its serving base for public_url "./"
  // (Trunk.toml) for the WebSocket's path.
  html = html.replace(/(["'`])\{\{__TRUNK_ADDRESS__\}\}\1/g, 'window.location.host').replace(/\{\{__TRUNK_WS_BASE__\}\}/g, '/');

  const hashes = [];
  for (const m of html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)) {
    hashes.push(`'sha256-${createHash('sha256').update(m[1], 'utf8').digest('base64')}'`);
  }

  const policy = [
    "default-src 'self'",
    // 'wasm-unsafe-eval' lets the page compile its own Wasm; no eval of JavaScript.
    `script-src 'self' 'wasm-unsafe-eval' ${hashes.join(' ')}`.trim(),
    "style-src 'self'",
    "img-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'none'",
  ].join('; ');

  const meta = `<meta http-equiv="Content-Security-Policy" content="${policy}" />`;
  // Release builds are minified by Trunk: attribute quotes may be gone.
  const charset = /(<meta charset="?utf-8"?\s*\/?>)/i;
  if (!charset.test(html)) {
    throw new Error('csp: index.html has no <meta charset="utf-8"> to put the policy after');
  }
  html = html.replace(charset, `$1${meta}`);
  writeFileSync(file, html);
  console.error(`csp: ${file}: ${hashes.length} inline script(s) allowed by hash`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const dir = process.argv[2] || process.env.TRUNK_STAGING_DIR;
  if (!dir) {
    console.error('csp: no folder (TRUNK_STAGING_DIR or an argument)');
    process.exit(2);
  }
  writeCsp(dir);
}
