// Browser checks of the operator console, run by ConsoleIT against the e2e stack: Debian's chromium, driven headless by
// playwright-core (which downloads no browser). One check per run: node console-check.mjs <check>; exit 0 = passed.
//
// Environment: CONSOLE_URL, PRICE_URL, YIELD_URL, REBALANCER_URL, DEVNET_URL (the services themselves, to compare with),
// OPERATOR_TOKEN, VIEWER_TOKEN, ADMIN_TOKEN, SHOTS_DIR (screenshots), CHROMIUM (default /usr/bin/chromium).
import { chromium } from 'playwright-core';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { mkdirSync } from 'node:fs';
import path from 'node:path';

const env = (k) => {
  const v = process.env[k];
  if (!v) throw new Error(`${k} is not set`);
  return v;
};
const CONSOLE = env('CONSOLE_URL');
const SHOTS = env('SHOTS_DIR');
mkdirSync(SHOTS, { recursive: true });
const require = createRequire(import.meta.url);

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const log = (...a) => console.log(new Date().toISOString().slice(11, 19), ...a);

async function json(url, init) {
  const r = await fetch(url, init);
  return { status: r.status, body: await r.json() };
}

/** Polls fn until it returns a value other than undefined/null/false, or fails with what it last saw. */
async function until(what, seconds, fn) {
  const deadline = Date.now() + seconds * 1000;
  let last;
  for (;;) {
    try {
      const v = await fn();
      if (v !== undefined && v !== null && v !== false) return v;
    } catch (e) {
      last = e;
    }
    if (Date.now() > deadline) throw new Error(`timed out after ${seconds}s waiting for ${what}${last ? `: ${last.message}` : ''}`);
    await sleep(500);
  }
}

async function open(viewport = { width: 1280, height: 800 }) {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    // the machine's network is closed: no background calls to Google, no component updates, no QUIC
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
  // bypassCSP only so that axe-core can be injected; the page itself runs under its CSP in every other check
  const context = await browser.newContext({ viewport, bypassCSP: true });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  // a refused or unavailable API call is the page's business (it shows it); a script error is a defect
  page.on('console', (m) => { if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) errors.push(m.text()); });
  await page.goto(CONSOLE, { waitUntil: 'load' });
  await page.waitForSelector('#prices-table tbody tr[data-asset]', { state: 'attached', timeout: 60_000 });
  return { browser, page, errors };
}

async function view(page, name) {
  await page.click(`#tabs a[href="#${name}"]`);
  await page.waitForSelector(`#view-${name}:not([hidden])`);
}

async function pasteToken(page, token) {
  await page.fill('#token', token);
  await page.click('#token-form button[type=submit]');
}

async function shot(page, name) {
  const file = path.join(SHOTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  log('screenshot', file);
}

const checks = {
  /** The page's wstETH discount and a venue's net APY are the APIs' own values at the same block. */
  async values() {
    const { browser, page } = await open();
    try {
      await view(page, 'prices');
      const discount = await until('the page and the price API at one block', 60, async () => {
        const cell = page.locator('tr[data-asset="wstETH"] td.discount');
        const shown = { value: await cell.getAttribute('data-value'), block: Number(await cell.getAttribute('data-block')) };
        const api = (await json(`${env('PRICE_URL')}/api/v1/prices/wstETH`)).body;
        return api.provenance.blockNumber === shown.block ? { shown, api: api.discountBps } : null;
      });
      assert.equal(discount.shown.value, discount.api, `wstETH discount at block ${discount.shown.block}`);
      log(`wstETH discount ${discount.api} bps at block ${discount.shown.block}: page = API`);
      await shot(page, 'prices');

      await view(page, 'yields');
      const venue = 'lido-wsteth';
      const apy = await until('the page and the yield API at one block', 60, async () => {
        const cell = page.locator(`tr[data-venue="${venue}"] td.net-apy`);
        const shown = { value: await cell.getAttribute('data-value'), block: Number(await cell.getAttribute('data-block')) };
        const api = (await json(`${env('YIELD_URL')}/api/v1/yields/${venue}`)).body;
        return api.provenance.blockNumber === shown.block ? { shown, api: api.netApy } : null;
      });
      assert.equal(apy.shown.value, apy.api, `${venue} net APY at block ${apy.shown.block}`);
      const shownText = (await page.locator(`tr[data-venue="${venue}"] td.net-apy`).innerText()).trim();
      assert.equal(shownText, `${(Number(apy.api) * 100).toFixed(2)} %`, 'what the eye sees is the same number');
      log(`${venue} net APY ${apy.api} at block ${apy.shown.block}: page = API (${shownText})`);

      // the size slider re-reads ?size=: the page then shows the API's net APY at that size
      await page.focus('#size');
      for (let i = 0; i < 3; i += 1) await page.keyboard.press('ArrowRight'); // 100 ETH, by keyboard
      assert.equal((await page.locator('#size-out').innerText()).trim(), '100 ETH');
      await until('the 100-ETH net APY in the table', 30, async () => {
        const api = (await json(`${env('YIELD_URL')}/api/v1/yields/${venue}?size=100`)).body;
        const cell = page.locator(`tr[data-venue="${venue}"] td.net-apy`);
        return (await cell.getAttribute('data-value')) === api.netApy && Number(await cell.getAttribute('data-block')) === api.provenance.blockNumber;
      });
      log(`${venue} at 100 ETH: page = API ?size=100`);
      await shot(page, 'yields');

      // the restaking risk: ezETH's slashing-adjusted net APY, its components and band, and the shares behind it, as the
      // yield API quotes them at the same block
      await view(page, 'risk');
      const lrt = 'renzo-ezeth';
      const { api: q, shown } = await until(`${lrt}'s restaking rows and the yield API at one block`, 60, async () => {
        const row = page.locator(`#restaking-apy tr[data-venue="${lrt}"]`);
        const exposure = page.locator(`#restaking-exposure tr[data-venue="${lrt}"]`);
        const block = Number(await row.getAttribute('data-block'));
        const api = (await json(`${env('YIELD_URL')}/api/v1/yields/${lrt}`)).body;
        if (api.provenance.blockNumber !== block || Number(await exposure.getAttribute('data-block')) !== block) return null;
        const value = (cls) => row.locator(`td.${cls}`).getAttribute('data-value');
        const items = (attr) => exposure.locator(`li[data-${attr}]`).evaluateAll((els, a) => els.map((e) => [e.dataset[a], e.dataset.value]), attr);
        return { api, shown: {
          net: await value('net'), before: await value('before'), staking: await value('staking'), restaking: await value('restaking'),
          loss: await value('loss'), lossText: (await row.locator('td.loss').innerText()).trim(),
          band: [await row.locator('td.band').getAttribute('data-low'), await row.locator('td.band').getAttribute('data-high')],
          operators: await items('operator'), avs: await items('avs'), operatorText: (await exposure.locator('td.operators').innerText()).trim(),
        } };
      });
      const r = q.risk;
      const part = (name) => q.components.find((c) => c.name === name)?.apy;
      const byShare = (prefix) => Object.entries(r).filter(([k]) => k.startsWith(prefix)).map(([k, v]) => [k.slice(prefix.length), v])
        .sort((a, b) => Number(b[1]) - Number(a[1]) || a[0].localeCompare(b[0]));
      assert.ok(Number(r.expectedSlashingLoss) > 0, `${lrt} carries an expected slashing loss: ${JSON.stringify(r)}`);
      assert.equal(shown.loss, r.expectedSlashingLoss, 'expected loss');
      assert.equal(shown.lossText, `${(Number(r.expectedSlashingLoss) * 100).toFixed(3)} %`, 'what the eye sees is the same number');
      assert.equal(shown.net, q.netApy, 'net APY');
      assert.equal(shown.before, r.netApyBeforeSlashing, 'net APY before the slashing adjustment');
      assert.deepEqual(shown.band, [r.netApyLow, r.netApyHigh], 'band');
      assert.equal(shown.staking, part('staking'), 'staking component');
      assert.equal(shown.restaking, part('restaking-rewards'), 'restaking rewards component');
      const operators = byShare('exposure.operator.').slice(0, 5);
      assert.ok(operators.length >= 2, `operators behind ${lrt}: ${JSON.stringify(operators)}`);
      assert.deepEqual(shown.operators, operators, 'operator shares, largest first');
      assert.deepEqual(shown.avs, byShare('exposure.avs.'), 'AVS operator sets and their slashable shares');
      const [top, share] = operators[0];
      assert.ok(shown.operatorText.startsWith(`${top} ${(Number(share) * 100).toFixed(1)} %`), `top operator shown: ${shown.operatorText}`);
      log(`${lrt} at block ${q.provenance.blockNumber}: expected loss ${r.expectedSlashingLoss} (${shown.lossText}), net ${q.netApy} in `
        + `[${r.netApyLow}, ${r.netApyHigh}], before ${r.netApyBeforeSlashing}; operators ${JSON.stringify(operators)}; AVS ${JSON.stringify(shown.avs)}: page = API`);
      await shot(page, 'risk-restaking');
    } finally {
      await browser.close();
    }
  },

  /** A viewer's approve is refused by the API, and the page shows the API's own 403 problem message. */
  async viewer() {
    const { browser, page } = await open();
    try {
      await view(page, 'plans');
      await pasteToken(page, env('VIEWER_TOKEN'));
      await until('token role shown', 10, async () => (await page.locator('#role').innerText()).includes('viewer'));
      const button = page.locator('article.plan[data-status="PROPOSED"] button[data-act="approve"]').first();
      await button.waitFor({ timeout: 240_000 });
      const id = await button.getAttribute('data-plan');
      await button.click();
      const notice = page.locator('#notice');
      await notice.waitFor({ state: 'visible', timeout: 10_000 });
      const text = await notice.innerText();
      const api = await json(`${env('REBALANCER_URL')}/api/v1/admin/plans/${id}/approve`, {
        method: 'POST', headers: { Authorization: `Bearer ${env('VIEWER_TOKEN')}` },
      });
      assert.equal(api.status, 403);
      const message = api.body.detail || api.body.title;
      assert.ok(message, `the API's 403 carries a message: ${JSON.stringify(api.body)}`);
      assert.ok(text.includes(message) && text.includes('403'), `the page shows the API's 403 message "${message}", it shows "${text}"`);
      log(`viewer refused on plan ${id}: "${text}"`);
      await shot(page, 'plans-viewer-refused');
      assert.equal(await page.locator(`article.plan[data-plan-id="${id}"]`).getAttribute('data-status'), 'PROPOSED', 'nothing changed');
    } finally {
      await browser.close();
    }
  },

  /** An operator approves a PROPOSED plan in the page and watches it reach DONE, without a reload. */
  async approve() {
    const { browser, page } = await open();
    try {
      await view(page, 'plans');
      await pasteToken(page, env('OPERATOR_TOKEN'));
      let id;
      for (let attempt = 0; attempt < 3 && !id; attempt += 1) {
        const button = page.locator('article.plan[data-status="PROPOSED"] button[data-act="approve"]').first();
        await button.waitFor({ timeout: 240_000 });
        const candidate = await button.getAttribute('data-plan');
        await button.click();
        const status = await until(`plan ${candidate} leaving PROPOSED`, 20, async () => {
          const s = await page.locator(`article.plan[data-plan-id="${candidate}"]`).getAttribute('data-status');
          return s !== 'PROPOSED' ? s : null;
        });
        log(`plan ${candidate} → ${status} (notice: ${await page.locator('#notice').innerText()})`);
        if (status === 'APPROVED' || status === 'EXECUTING' || status === 'DONE') id = candidate; // else expired/superseded: take the next
      }
      assert.ok(id, 'an operator approved a plan from the page');
      await shot(page, 'plans-approved');
      const loaded = await page.evaluate(() => performance.getEntriesByType('navigation').length);
      const final = await until(`plan ${id} DONE in the page`, 420, async () => {
        const s = await page.locator(`article.plan[data-plan-id="${id}"]`).getAttribute('data-status');
        if (s === 'FAILED') throw new Error(`plan ${id} FAILED`);
        return s === 'DONE' ? s : null;
      });
      assert.equal(final, 'DONE');
      assert.equal(await page.evaluate(() => performance.getEntriesByType('navigation').length), loaded, 'no reload');
      const api = (await json(`${env('REBALANCER_URL')}/api/v1/plans/${id}`)).body;
      assert.equal(api.plan.status, 'DONE', 'the API agrees');
      log(`plan ${id} DONE, seen live in the page`);
      await shot(page, 'plans-done');
      await view(page, 'executions');
      await page.waitForSelector('#exec-table tbody td.mono');
      await shot(page, 'executions');
      await view(page, 'overview');
      await until('the overview shows positions', 30, async () => (await page.locator('#ov-alloc .bar').count()) > 1);
      await shot(page, 'overview');
    } finally {
      await browser.close();
    }
  },

  /**
   * A depeg triggered from the scenarios panel turns wstETH's badge CRITICAL within a few blocks, without a reload. The
   * devnet depegs stETH's markets (its pools and feeds), which wstETH's market price is read from.
   */
  async depeg() {
    const { browser, page } = await open();
    try {
      await view(page, 'prices');
      const cell = page.locator('tr[data-asset="wstETH"] td.depeg');
      assert.equal(await cell.getAttribute('data-level'), 'OK', 'at peg before the scenario');
      const before = Number(await page.locator('tr[data-asset="wstETH"] td.discount').getAttribute('data-block'));
      await view(page, 'scenarios');
      await page.selectOption('#sc-depeg-asset', 'stETH');
      await page.fill('#sc-depeg-bps', '400'); // past CRITICAL (200), under the one-block jump guard (500) that holds a source out
      await page.fill('#sc-depeg-blocks', '30');
      await page.click('#sc-depeg button[type=submit]');
      await until('the scenario accepted', 15, async () => {
        if (await page.locator('#notice').isVisible()) throw new Error(`refused: ${await page.locator('#notice').innerText()}`);
        return (await page.locator('#sc-result').innerText()).startsWith('depeg');
      });
      await shot(page, 'scenarios');
      await view(page, 'prices');
      await until('wstETH CRITICAL', 60, async () => (await cell.getAttribute('data-level')) === 'CRITICAL');
      const at = Number(await page.locator('tr[data-asset="wstETH"] td.discount').getAttribute('data-block'));
      log(`wstETH CRITICAL at block ${at}, scenario sent after block ${before}`); // 6 blocks seen: the feeds' and pools' median moves as its sources do
      assert.ok(at - before <= 10, `CRITICAL within a few blocks: scenario after block ${before}, CRITICAL shown at ${at}`);
      assert.equal((await cell.innerText()).trim(), 'CRITICAL');
      await page.selectOption('#price-asset', 'wstETH');
      await sleep(1500);
      await shot(page, 'prices-depeg');
      await view(page, 'overview');
      await shot(page, 'overview-depeg');
      await view(page, 'scenarios');
      await page.click('#sc-reset button[type=submit]');
      await until('the reset accepted', 15, async () => (await page.locator('#sc-result').innerText()).startsWith('reset'));
    } finally {
      await browser.close();
    }
  },

  /** Pause and resume are shown to an admin only; an admin pauses and resumes the vault from the overview. */
  async killswitch() {
    const { browser, page } = await open();
    try {
      await pasteToken(page, env('OPERATOR_TOKEN'));
      await until('the operator sees the kill switch state', 15, async () => (await page.locator('#ov-pause').innerText()).includes('RUNNING'));
      assert.ok(await page.locator('#pause-controls').isHidden(), 'pause / resume are not shown to an operator');
      await pasteToken(page, env('ADMIN_TOKEN'));
      await page.locator('#btn-pause').waitFor();
      await page.click('#btn-pause');
      await until('PAUSED', 15, async () => (await page.locator('#ov-pause').innerText()).includes('PAUSED'));
      const api = (await json(`${env('REBALANCER_URL')}/api/v1/admin/pause`, { headers: { Authorization: `Bearer ${env('ADMIN_TOKEN')}` } })).body;
      assert.equal(api.paused, true, `the API says paused: ${JSON.stringify(api)}`);
      await shot(page, 'overview-paused');
      await page.click('#btn-resume');
      await until('RUNNING again', 15, async () => (await page.locator('#ov-pause').innerText()).includes('RUNNING'));
      log('an admin paused and resumed the vault from the page; an operator is not shown the buttons');
    } finally {
      await browser.close();
    }
  },

  /**
   * A 5 % slash of operator-a in da-avs/0 (behind ezETH) opens an incident in the rebalancer: the page lists it as GET /risk
   * does; a hold without a token (401) and with an operator's token (403) is refused with a message that says which token is
   * needed; an admin holds the positions, then acknowledges the incident, and the page and the API agree at each step.
   */
  async incident() {
    const { browser, page } = await open();
    try {
      await view(page, 'risk');
      const slash = await json(`${env('DEVNET_URL')}/api/v1/scenarios/slash`, {
        method: 'POST', headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ operator: 'operator-a', operatorSet: 'da-avs/0', wad: '50000000000000000' }),
      });
      assert.equal(slash.status, 200, `slash: ${JSON.stringify(slash.body)}`);
      log(`operator-a slashed 5 % in da-avs/0 at block ${slash.body.block}`);
      const row = page.locator('#risk-incidents tr[data-subject="ezETH"]');
      await row.waitFor({ timeout: 90_000 });
      const risk = async () => (await json(`${env('REBALANCER_URL')}/api/v1/risk`)).body.incidents || {};
      const opened = (await risk()).ezETH;
      assert.ok(opened, 'the API has the incident the page shows');
      const cells = (await row.locator('td').allInnerTexts()).map((t) => t.trim());
      assert.deepEqual([cells[0], cells[1], cells[2], cells[4]], [opened.kind, opened.severity, String(opened.blockNumber), 'being exited']);
      log(`incident on ezETH: ${opened.severity} ${opened.kind} at block ${opened.blockNumber}, shown as the API has it`);
      await shot(page, 'risk-incident');

      const notice = page.locator('#notice');
      await page.click('#token-clear');
      await row.locator('button[data-incident="hold"]').click();
      await notice.waitFor({ state: 'visible', timeout: 10_000 });
      const unauthenticated = await notice.innerText();
      assert.ok(unauthenticated.startsWith('Holding the positions on ezETH needs an admin token: paste one above.') && unauthenticated.includes('401'),
        unauthenticated);
      await pasteToken(page, env('OPERATOR_TOKEN'));
      await row.locator('button[data-incident="hold"]').click();
      const forbidden = await until('the 403 message', 10, async () => {
        const t = await notice.isVisible() ? await notice.innerText() : '';
        return t.includes('403') ? t : null;
      });
      assert.ok(forbidden.startsWith('Holding the positions on ezETH needs the admin role; this token has operator.'), forbidden);
      assert.equal((await risk()).ezETH.hold, false, 'refused: nothing changed');
      log(`refused without a token: "${unauthenticated}"; with an operator's: "${forbidden}"`);

      await pasteToken(page, env('ADMIN_TOKEN'));
      await row.locator('button[data-incident="hold"]').click();
      await until('held in the page', 15, async () => (await row.getAttribute('data-hold')) === 'true');
      assert.equal((await row.locator('td.positions').innerText()).trim(), 'held by console-admin');
      const held = (await risk()).ezETH;
      assert.deepEqual([held.hold, held.heldBy], [true, 'console-admin'], 'the API agrees');
      assert.equal(await row.locator('button[data-incident="hold"]').count(), 0, 'held: no second hold offered');
      await shot(page, 'risk-incident-held');

      await row.locator('button[data-incident="acknowledge"]').click();
      await until('acknowledged: gone from the page', 15, async () => (await row.count()) === 0);
      assert.equal((await risk()).ezETH, undefined, 'the API agrees');
      log(`an admin held, then acknowledged the incident on ezETH from the page (notice: ${await notice.innerText()})`);
    } finally {
      await browser.close();
    }
  },

  /** axe-core finds no serious or critical violation in any view, at a laptop's and a phone's width; screenshots of each. */
  async a11y() {
    const axe = require.resolve('axe-core/axe.min.js');
    const failures = [];
    for (const [label, viewport] of [['desktop', { width: 1280, height: 800 }], ['phone', { width: 390, height: 844 }]]) {
      const { browser, page, errors } = await open(viewport);
      try {
        await pasteToken(page, env('OPERATOR_TOKEN'));
        await page.addScriptTag({ path: axe });
        for (const name of ['overview', 'prices', 'yields', 'decisions', 'plans', 'executions', 'risk', 'scenarios']) {
          await view(page, name);
          await sleep(300);
          const result = await page.evaluate(async () => window.axe.run(document, { resultTypes: ['violations'] }));
          for (const v of result.violations.filter((x) => x.impact === 'serious' || x.impact === 'critical')) {
            failures.push(`${label} ${name}: ${v.id} (${v.impact}) ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
          }
          await shot(page, `${label}-${name}`);
          const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
          if (overflow > 0) failures.push(`${label} ${name}: the page is ${overflow}px wider than the screen`);
        }
        if (errors.length) failures.push(`${label}: errors in the page: ${errors.join(' | ')}`);
      } finally {
        await browser.close();
      }
    }
    assert.deepEqual(failures, [], failures.join('\n'));
    log('no serious or critical accessibility violation, no horizontal overflow, no page error');
  },
};

const name = process.argv[2];
if (!checks[name]) {
  console.error(`usage: node console-check.mjs ${Object.keys(checks).join('|')}`);
  process.exit(2);
}
checks[name]().then(() => log(`${name}: passed`), (e) => {
  console.error(`${name}: FAILED\n${e.stack || e}`);
  process.exit(1);
});
