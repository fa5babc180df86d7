// Trunk's post-build hook (Trunk.toml), in order: the split Wasm and its loader
// (build-wasm.mjs), the page prerendered into index.html for release builds (prerender.mjs), the
// favicon written into index.html (below), and the Content Security Policy over the final inline
// scripts (csp.mjs), then the service worker that keeps the build for offline use (offline.mjs,
// release builds). One hook, because Trunk runs the hooks of a stage concurrently.
//
// PRERENDER=0 skips the prerender in a release build (the page then starts empty and the app
// draws it); PRERENDER=1 prerenders a development build too.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { buildWasm } from './build-wasm.mjs';
import { prerender } from './prerender.mjs';
import { writeCsp } from './csp.mjs';
import { writeServiceWorker } from './offline.mjs';

/**
 * The favicon (favicon.svg, copied into the build for host pages such as examples/host.html)
 * goes into index.html as a data: URI, which the CSP allows (img-src data:): a linked file was
 * one more request before the page is ready, and without any icon Chromium asks for /favicon.ico.
 */
function inlineIcon(dir) {
  const file = path.join(dir, 'index.html');
  const html = readFileSync(file, 'utf8');
  // Release builds are minified by Trunk: attribute quotes may be gone.
  const link = /(<link\b[^>]*\bhref=)"?\.\/favicon\.svg"?/;
  if (!link.test(html)) throw new Error('post-build: index.html links no ./favicon.svg');
  const svg = readFileSync(path.join(dir, 'favicon.svg'), 'utf8').trim().replace(/\s+/g, ' ');
  const uri = `data:image/svg+xml,${svg.replace(/"/g, "'").replace(/[<>#%]/g, encodeURIComponent)}`;
  writeFileSync(file, html.replace(link, (_, start) => `${start}"${uri}"`));
}

const staging = process.argv[2] || process.env.TRUNK_STAGING_DIR;
if (!staging) {
  console.error('post-build: no staging folder (TRUNK_STAGING_DIR or an argument)');
  process.exit(2);
}
const release = process.env.TRUNK_PROFILE === 'release';
try {
  buildWasm(staging, { release });
  const wanted = process.env.PRERENDER ?? (release ? '1' : '0');
  if (wanted === '1') await prerender(staging);
  else console.error('post-build: not prerendered (a development build; PRERENDER=1 to prerender)');
  inlineIcon(staging);
  writeCsp(staging);
  // Last: it hashes the final files, index.html included, for its cache's name.
  if (release) writeServiceWorker(staging);
} catch (err) {
  console.error(`post-build: ${err && err.message ? err.message : err}`);
  process.exit(1);
}
