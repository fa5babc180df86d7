// Trunk's post-build hook (Trunk.toml), in order: the split Wasm and its loader
// (build-wasm.mjs), the page prerendered into index.html for release builds (prerender.mjs), and
// the Content Security Policy over the final inline scripts (csp.mjs). One hook, because Trunk
// runs the hooks of a stage concurrently.
//
// PRERENDER=0 skips the prerender in a release build (the page then starts empty and the app
// draws it); PRERENDER=1 prerenders a development build too.
import { buildWasm } from './build-wasm.mjs';
import { prerender } from './prerender.mjs';
import { writeCsp } from './csp.mjs';

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
  writeCsp(staging);
} catch (err) {
  console.error(`post-build: ${err && err.message ? err.message : err}`);
  process.exit(1);
}
