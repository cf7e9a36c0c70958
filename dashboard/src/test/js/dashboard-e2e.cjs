// End-to-end check of the dashboard page in headless Chromium (Debian's), driven by playwright-core.
// Usage: node dashboard-e2e.cjs URL SCREENSHOT_DIR [CHROMIUM]; exits non-zero with a reason on failure.
'use strict';
const { chromium } = require('playwright-core');
const path = require('path');
const fs = require('fs');
const os = require('os');

const [url, shots, exe = '/usr/bin/chromium'] = process.argv.slice(2);
const QUESTION = 'Identify the top 5 DNS consumers';

(async () => {
  fs.mkdirSync(shots, { recursive: true });
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'dashboard-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: exe,
    headless: true,
    viewport: { width: 1200, height: 900 },
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const page = context.pages()[0] || await context.newPage();
  const pageErrors = [];
  page.on('pageerror', (e) => pageErrors.push(String(e)));
  try {
    await page.goto(url);
    await page.waitForFunction(() => document.getElementById('status').textContent === 'connected');
    await page.screenshot({ path: path.join(shots, '1-open.png'), fullPage: true });

    await page.fill('#question', QUESTION);
    await page.click('#ask');
    await page.waitForSelector('#script:not([hidden])', { timeout: 120000 });
    const code = await page.textContent('#script');
    if (!/hub\.action|onItemCaptured/.test(code)) { throw new Error('no script shown: ' + code); }
    const explanation = await page.textContent('#explanation');
    console.log('script: ' + code.split('\n').length + ' lines; explanation: ' + explanation.split('\n')[0]);
    await page.screenshot({ path: path.join(shots, '2-script.png'), fullPage: true });

    const before = Number(await page.getAttribute('#chart', 'data-updates') || 0);
    await page.click('#run');
    await page.waitForSelector('#run-status[data-done]', { timeout: 240000 });
    const done = await page.getAttribute('#run-status', 'data-done');
    const runStatus = await page.textContent('#run-status');
    if (done !== 'ok') { throw new Error('run failed: ' + runStatus); }
    const lines = await page.$$eval('#console > div', (ds) => ds.map((d) => d.textContent));
    if (lines.length === 0) { throw new Error('no console lines'); }
    const updates = Number(await page.getAttribute('#chart', 'data-updates') || 0);
    const bars = await page.$$eval('#chart rect.bar', (rs) => rs.length);
    if (updates <= before || bars === 0) {
      throw new Error('chart did not update: updates ' + before + ' -> ' + updates + ', bars ' + bars);
    }
    console.log(runStatus + '; chart: ' + bars + ' bars, ' + updates + ' updates, title "' +
      await page.textContent('#chart-title') + '"');
    lines.forEach((l) => console.log('console: ' + l));
    await page.screenshot({ path: path.join(shots, '3-run.png'), fullPage: true });
    if (pageErrors.length) { throw new Error('page errors: ' + pageErrors.join('; ')); }
  } catch (e) {
    await page.screenshot({ path: path.join(shots, 'failure.png'), fullPage: true }).catch(() => {});
    throw e;
  } finally {
    await context.close();
    fs.rmSync(profile, { recursive: true, force: true });
  }
})().catch((e) => { console.error('e2e failed: ' + (e && e.stack || e)); process.exit(1); });
