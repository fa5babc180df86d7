import { chromium } from 'playwright-core';
import { serve } from './server.mjs';
const srv = await serve('/work/main/dist');
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium' });
const page = await browser.newPage({ viewport: { width: 390, height: 800 } });
await page.goto(srv.url + (process.argv[2] || '?custom.1.starter=qa'));
await page.waitForSelector('html[data-app="ready"][data-complete]', { state: 'attached' });
await page.evaluate(() => document.querySelectorAll('section[data-custom] details').forEach((d) => { d.open = true; }));
await page.waitForTimeout(300);
const r = await page.evaluate(() => {
  const out = [];
  for (const el of document.querySelectorAll('section[data-custom] *')) {
    const b = el.getBoundingClientRect();
    if (b.right > 391) out.push(el.tagName + '.' + el.className + ' ' + Math.round(b.left) + '-' + Math.round(b.right) + ' ' + (el.textContent || '').slice(0, 40));
  }
  return out.slice(0, 15);
});
console.log(r.join('\n'));
await browser.close(); await srv.close();
