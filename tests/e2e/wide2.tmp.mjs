import { chromium } from 'playwright-core';
import { serve } from './server.mjs';
const srv = await serve('/work/main/dist');
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium' });
const page = await browser.newPage({ viewport: { width: 390, height: 800 } });
await page.goto(srv.url + '?custom.1.starter=qa');
await page.waitForSelector('html[data-app="ready"][data-complete]', { state: 'attached' });
await page.evaluate(() => document.querySelectorAll('section[data-custom] details').forEach((d) => { d.open = true; }));
await page.waitForTimeout(300);
console.log(await page.evaluate(() => {
  const s = document.querySelector('section[data-custom]');
  const chain = []; let e = s; while (e && e !== document.body) { chain.push(e.tagName + '.' + e.className + ' ' + getComputedStyle(e).display + ' w=' + Math.round(e.getBoundingClientRect().width)); e = e.parentElement; }
  const kids = [...s.querySelectorAll('*')].map((k) => [k.tagName + '.' + k.className, k.scrollWidth]).sort((a, b) => b[1] - a[1]).slice(0, 8);
  return chain.join('\n') + '\n' + JSON.stringify(kids);
}));
await browser.close(); await srv.close();
