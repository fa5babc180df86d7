import { chromium } from 'playwright-core';
import { serve } from './server.mjs';
const srv = await serve(process.env.DIST || '/work/main/dist');
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium' });
const [path, w, h, ...sels] = JSON.parse(process.argv[2]);
const page = await browser.newPage({ viewport: { width: w, height: h }, colorScheme: process.env.DARK ? 'dark' : 'light' });
await page.goto(srv.url + path);
await page.waitForSelector('html[data-app="ready"][data-complete]', { state: 'attached' });
await page.waitForTimeout(400);
let i = 0;
for (const s of sels) { await page.locator(s).first().screenshot({ path: `/tmp/el${i++}.png` }); }
await browser.close(); await srv.close();
