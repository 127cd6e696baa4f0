// The operator console: one page, live over the services' server-sent events. Prices and yields arrive as events;
// each new block seen on the price stream re-reads the rebalancer's views (portfolio, target, plans …), so nothing
// needs a reload. Exact API values stay in data-value attributes next to what is shown.
import { api, ApiProblem, hasToken, roles, setToken, stream } from './api.js';
import { badge, esc, eth, num, pct, short, wei } from './format.js';
import { lineChart, refit } from './charts.js';
import { incidentRefusal, incidentRows, restakingRows } from './restaking.js';

const $ = (id) => document.getElementById(id);
const SIZES = [null, 1, 10, 100, 1000, 10000];
const HISTORY = 300;

const state = {
  ticks: new Map(),
  priceHistory: new Map(),
  thresholds: new Map(),
  depeg: new Map(),
  quotes: new Map(),
  sized: null,
  sort: { key: 'netApy', dir: -1 },
  apyHistory: { venue: null, x: [], y: [] },
  lastBlock: 0,
  portfolio: null,
  devnet: false,
};

/** Writes HTML only when it changed, so a refresh neither flickers nor takes the keyboard focus away. */
function setHtml(el, html) {
  if (el && el.dataset.html !== html) {
    el.innerHTML = html;
    el.dataset.html = html;
  }
}

let noticeTimer = null;
/** A refusal stays until the next action; a success fades after a while. */
function notice(message, ok = false) {
  const el = $('notice');
  el.textContent = message;
  el.classList.toggle('ok', ok);
  el.hidden = !message;
  clearTimeout(noticeTimer);
  if (ok) noticeTimer = setTimeout(() => { el.hidden = true; }, 10_000);
}

function problemText(e) {
  if (e instanceof ApiProblem) {
    const p = e.problem;
    return `${p.title || 'Refused'} (${e.status}): ${p.detail || p.title || ''}`;
  }
  return String(e.message || e);
}

// ---------------------------------------------------------------- navigation

const VIEWS = ['overview', 'prices', 'yields', 'decisions', 'plans', 'executions', 'risk', 'scenarios'];

function show() {
  let view = location.hash.replace('#', '') || 'overview';
  if (!VIEWS.includes(view) || (view === 'scenarios' && !state.devnet)) view = 'overview';
  for (const v of VIEWS) {
    $(`view-${v}`).hidden = v !== view;
  }
  for (const a of document.querySelectorAll('#tabs a')) {
    if (a.getAttribute('href') === `#${view}`) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  }
  document.title = `${view[0].toUpperCase()}${view.slice(1)} — LRT Yield Aggregator console`;
  refit();
}

// ---------------------------------------------------------------- token

function applyToken(value) {
  setToken(value);
  const r = roles();
  $('role').textContent = hasToken() ? `token: ${r.length ? r.join(', ') : 'no role'}` : 'no token';
  $('pause-controls').hidden = !r.includes('admin');
  notice('');
  refreshRebalancer();
}

// ---------------------------------------------------------------- prices

function depegLevels(alerts) {
  const seen = new Set();
  for (const a of alerts) {
    if (a.kind !== 'DEPEG' || seen.has(a.subject)) continue;
    seen.add(a.subject);
    state.depeg.set(a.subject, a.active && a.severity !== 'INFO' ? a.severity : 'OK');
  }
}

function onTick(t) {
  state.ticks.set(t.asset, t);
  const h = state.priceHistory.get(t.asset) || { x: [], d: [], m: [], f: [] };
  const b = t.provenance.blockNumber;
  if (!h.x.length || h.x[h.x.length - 1] < b) {
    h.x.push(b);
    h.d.push(t.discountBps == null ? null : Number(t.discountBps));
    h.m.push(t.marketPriceEth == null ? null : Number(t.marketPriceEth));
    h.f.push(Number(t.fundamentalRate));
    if (h.x.length > HISTORY) for (const k of ['x', 'd', 'm', 'f']) h[k].shift();
  }
  state.priceHistory.set(t.asset, h);
  if (b > state.lastBlock) {
    state.lastBlock = b;
    $('live').textContent = `live · block ${b}`;
    scheduleRefresh();
  }
  schedulePrices();
}

let pricesTimer = null;
function schedulePrices() {
  if (!pricesTimer) pricesTimer = setTimeout(() => { pricesTimer = null; renderPrices(); }, 150);
}

function renderPrices() {
  const rows = [...state.ticks.values()].sort((a, b) => a.asset.localeCompare(b.asset)).map((t) => {
    const level = state.depeg.get(t.asset) || 'OK';
    const sources = t.sources.filter((s) => s.kind !== 'FUNDAMENTAL')
      .map((s) => `<span class="badge b-${esc(s.status)}" title="${esc(s.source)}: ${esc(s.value ?? s.detail ?? '')}">${esc(s.source)}</span>`).join(' ');
    return `<tr data-asset="${esc(t.asset)}"><th scope="row">${esc(t.asset)}</th>
      <td class="depeg" data-level="${esc(level)}">${badge(level)}</td>
      <td class="status" data-value="${esc(t.status)}">${badge(t.status, t.reasons.join('; '))}</td>
      <td class="num discount" data-value="${esc(t.discountBps ?? '')}" data-block="${t.provenance.blockNumber}">${num(t.discountBps, 2)}</td>
      <td class="num">${num(t.marketPriceEth, 6)}</td><td class="num">${num(t.fundamentalRate, 6)}</td>
      <td class="num">${t.priceUsd == null ? '—' : num(t.priceUsd, 2)}</td><td class="wrap">${sources}</td>
      <td class="num">${t.provenance.blockNumber}</td></tr>`;
  });
  setHtml($('prices-table').tBodies[0], rows.join(''));
  const select = $('price-asset');
  const assets = [...state.ticks.keys()].sort();
  for (const id of ['price-asset', 'sc-depeg-asset', 'sc-stale-asset']) {
    const sel = $(id);
    if (sel.options.length !== assets.length) {
      const keep = sel.value;
      sel.innerHTML = assets.map((a) => `<option>${esc(a)}</option>`).join('');
      sel.value = assets.includes(keep) ? keep : assets.includes('wstETH') ? 'wstETH' : assets[0];
    }
  }
  drawPriceCharts(select.value);
}

async function loadPriceHistory(asset) {
  try {
    const ticks = await api(`price/v1/prices/${encodeURIComponent(asset)}/history?from=${Math.max(0, state.lastBlock - HISTORY)}&limit=${HISTORY}`);
    const h = { x: [], d: [], m: [], f: [] };
    for (const t of ticks) {
      h.x.push(t.provenance.blockNumber);
      h.d.push(t.discountBps == null ? null : Number(t.discountBps));
      h.m.push(t.marketPriceEth == null ? null : Number(t.marketPriceEth));
      h.f.push(Number(t.fundamentalRate));
    }
    const live = state.priceHistory.get(asset);
    if (live) {
      live.x.forEach((b, i) => {
        if (!h.x.length || b > h.x[h.x.length - 1]) {
          h.x.push(b); h.d.push(live.d[i]); h.m.push(live.m[i]); h.f.push(live.f[i]);
        }
      });
    }
    state.priceHistory.set(asset, h);
    drawPriceCharts(asset);
  } catch (e) {
    console.warn('price history', e);
  }
}

function drawPriceCharts(asset) {
  const h = state.priceHistory.get(asset);
  if (!h || !h.x.length || $('view-prices').hidden) return;
  const th = state.thresholds.get(asset);
  const series = [{ label: `${asset} discount`, stroke: '#0b5cad' }];
  const data = [h.x, h.d];
  if (th) {
    series.push({ label: `WARN ${th.warnBps}`, stroke: '#c98a00', dash: [6, 4] }, { label: `CRITICAL ${th.criticalBps}`, stroke: '#b42318', dash: [6, 4] });
    data.push(h.x.map(() => th.warnBps), h.x.map(() => th.criticalBps));
  }
  lineChart('chart-discount', series, data, 'bps');
  lineChart('chart-price', [{ label: 'market', stroke: '#0b5cad' }, { label: 'fundamental', stroke: '#1d6b35', dash: [4, 3] }], [h.x, h.m, h.f], 'ETH', 4);
}

async function loadThresholds() {
  try {
    for (const t of await api('price/v1/prices/depeg-thresholds')) state.thresholds.set(t.asset, t);
  } catch (e) {
    console.warn('thresholds', e);
  }
}

// ---------------------------------------------------------------- yields

function onQuote(q) {
  state.quotes.set(q.venueId, q);
  if (q.risk && q.risk.expectedSlashingLoss != null) scheduleRestaking();
  if (state.apyHistory.venue === q.venueId) {
    const h = state.apyHistory;
    if (!h.x.length || h.x[h.x.length - 1] < q.provenance.blockNumber) {
      h.x.push(q.provenance.blockNumber);
      h.y.push(Number(q.netApy) * 100);
    }
  }
  if (SIZES[$('size').value]) scheduleSized();
  else scheduleYields();
}

let yieldsTimer = null;
function scheduleYields() {
  if (!yieldsTimer) yieldsTimer = setTimeout(() => { yieldsTimer = null; renderYields(); }, 150);
}

let sizedTimer = null;
function scheduleSized() {
  if (!sizedTimer) sizedTimer = setTimeout(() => { sizedTimer = null; loadSized(); }, 600);
}

async function loadSized() {
  const size = SIZES[$('size').value];
  if (!size) {
    state.sized = null;
    renderYields();
    return;
  }
  try {
    state.sized = await api(`yield/v1/yields?size=${size}`);
    renderYields();
  } catch (e) {
    notice(problemText(e));
  }
}

function renderYields() {
  const list = state.sized || [...state.quotes.values()];
  const { key, dir } = state.sort;
  const value = (q) => (key === 'venueId' ? q.venueId : key === 'kind' ? q.venueKind : key === 'samples' ? Number(q.samples) : Number(q.netApy));
  const sorted = [...list].sort((a, b) => {
    const x = value(a);
    const y = value(b);
    return (typeof x === 'string' ? x.localeCompare(y) : x - y) * dir;
  });
  const rows = sorted.map((q) => {
    const r = q.risk || {};
    const points = r.pointsApyLow != null ? `${pct(r.pointsApyLow)} – ${pct(r.pointsApyHigh)}` : '—';
    const flags = q.flags && q.flags.length ? ` <span class="badge b-WARN" title="${esc(q.flags.join('; '))}">${q.flags.length} flag${q.flags.length > 1 ? 's' : ''}</span>` : '';
    return `<tr data-venue="${esc(q.venueId)}"><th scope="row">${esc(q.venueId)}${flags}</th>
      <td class="num net-apy" data-value="${esc(q.netApy)}" data-block="${q.provenance.blockNumber}">${pct(q.netApy)}</td>
      <td>${points}</td><td>${esc(q.venueKind)}</td><td class="num">${esc(q.samples)} samples · ${esc(q.basis)}</td><td class="num">${q.provenance.blockNumber}</td></tr>`;
  });
  setHtml($('yields-table').tBodies[0], rows.join(''));
  for (const th of $('yields-table').tHead.querySelectorAll('th')) {
    const b = th.querySelector('button');
    if (b) th.setAttribute('aria-sort', b.dataset.sort === key ? (dir < 0 ? 'descending' : 'ascending') : 'none');
  }
  const sel = $('yield-venue');
  const venues = [...state.quotes.keys()].sort();
  if (sel.options.length !== venues.length) {
    const keep = sel.value;
    sel.innerHTML = venues.map((v) => `<option>${esc(v)}</option>`).join('');
    sel.value = venues.includes(keep) ? keep : venues.includes('lido-wsteth') ? 'lido-wsteth' : venues[0];
    if (sel.value !== state.apyHistory.venue) loadApyHistory(sel.value);
  }
  drawApy();
}

async function loadApyHistory(venue) {
  state.apyHistory = { venue, x: [], y: [] };
  try {
    const list = await api(`yield/v1/yields/${encodeURIComponent(venue)}/history?from=${Math.max(0, state.lastBlock - HISTORY)}&limit=${HISTORY}`);
    if (state.apyHistory.venue !== venue) return;
    state.apyHistory.x = list.map((q) => q.provenance.blockNumber);
    state.apyHistory.y = list.map((q) => Number(q.netApy) * 100);
    drawApy();
  } catch (e) {
    console.warn('apy history', e);
  }
}

function drawApy() {
  const h = state.apyHistory;
  if (!h.x.length || $('view-yields').hidden) return;
  lineChart('chart-apy', [{ label: `${h.venue} net APY`, stroke: '#0b5cad' }], [h.x, h.y], '%');
}

// ---------------------------------------------------------------- restaking risk (from the yield quotes)

let restakingTimer = null;
function scheduleRestaking() {
  if (!restakingTimer) restakingTimer = setTimeout(() => { restakingTimer = null; renderRestaking(); }, 200);
}

function renderRestaking() {
  const { apy, exposure } = restakingRows([...state.quotes.values()]);
  setHtml($('restaking-apy').tBodies[0], apy);
  setHtml($('restaking-exposure').tBodies[0], exposure);
}

// ---------------------------------------------------------------- rebalancer views

let refreshTimer = null;
function scheduleRefresh() {
  if (!refreshTimer) refreshTimer = setTimeout(() => { refreshTimer = null; refreshRebalancer(); }, 300);
}

async function settle(path) {
  try {
    return { ok: await api(path) };
  } catch (e) {
    return { error: e };
  }
}

async function refreshRebalancer() {
  const [portfolio, target, risk, decisions, plans, executions, alerts, pause] = await Promise.all([
    settle('rebalancer/v1/portfolio'), settle('rebalancer/v1/target'), settle('rebalancer/v1/risk'),
    settle('rebalancer/v1/decisions?limit=5'), settle('rebalancer/v1/plans?limit=8'), settle('rebalancer/v1/executions?limit=10'),
    settle('price/v1/alerts?limit=200'), hasToken() ? settle('rebalancer/v1/admin/pause') : Promise.resolve({ none: true }),
  ]);
  if (alerts.ok) {
    depegLevels(alerts.ok);
    renderAlerts(alerts.ok);
    schedulePrices();
  }
  if (portfolio.ok) renderOverview(portfolio.ok, risk.ok);
  renderPause(pause);
  if (target.ok) renderTarget(target.ok);
  if (decisions.ok) renderDecisions(decisions.ok);
  if (plans.ok) renderPlans(plans.ok);
  renderExecutions(executions);
  if (risk.ok) {
    renderRisk(risk.ok);
    renderIncidents(risk.ok.incidents || {});
  }
}

function baseVenue(id) {
  return id.split('@')[0];
}

function renderOverview(p, risk) {
  state.portfolio = p;
  $('ov-fund').textContent = eth(p.totalFundamental, 2);
  $('ov-market').textContent = eth(p.totalMarket, 2);
  const total = Number(p.totalFundamental) || 0;
  let blended = 0;
  let covered = 0;
  // idle always (its share is the point); the rest when they hold at least a thousandth of an ETH
  const shown = p.positions.filter((pos) => pos.venueId === 'idle-eth' || Math.abs(Number(pos.valueFundamental)) >= 0.001);
  const bars = [...shown].sort((a, b) => Number(b.valueFundamental) - Number(a.valueFundamental)).map((pos) => {
    const v = Number(pos.valueFundamental);
    const share = total > 0 ? v / total : 0;
    const q = state.quotes.get(baseVenue(pos.venueId));
    if (q) {
      blended += v * Number(q.netApy);
      covered += v;
    }
    const idle = pos.venueId === 'idle-eth';
    return `<div class="bar${idle ? ' idle' : ''}" role="listitem"><span>${esc(pos.venueId)}${idle ? ' (idle)' : ''}</span>
      <span class="track" aria-hidden="true"><span class="fill" style="width:${(share * 100).toFixed(2)}%"></span></span>
      <span class="v">${(share * 100).toFixed(1)} % · ${num(v, 1)}</span></div>`;
  });
  setHtml($('ov-alloc'), bars.join('') || '<p>No positions.</p>');
  $('ov-apy').textContent = covered > 0 ? pct(blended / total) : '—';
  const hfs = new Map(Object.entries((risk && risk.healthFactors) || {}));
  for (const pos of p.positions) if (pos.healthFactor != null) hfs.set(pos.venueId, pos.healthFactor);
  const gauges = [...hfs.entries()].map(([venue, hf]) => `<div class="gauge"><label for="hf-${esc(venue)}">${esc(venue)}: HF ${num(hf, 3)}</label>
    <meter id="hf-${esc(venue)}" min="1" max="3" low="1.15" high="1.5" optimum="3" value="${Math.min(3, Number(hf))}">${num(hf, 3)}</meter></div>`);
  setHtml($('ov-hf'), gauges.join('') || '<p>No leveraged loop open.</p>');
}

function renderPause(pause) {
  const el = $('ov-pause');
  if (pause.none) el.textContent = 'paste a token to see';
  else if (pause.error) el.textContent = problemText(pause.error);
  else el.innerHTML = pause.ok.paused ? badge('PAUSED').replace('b-PAUSED', 'b-CRITICAL') : badge('RUNNING').replace('b-RUNNING', 'b-OK');
}

function renderAlerts(alerts) {
  const open = new Map();
  for (const a of alerts) {
    const k = `${a.subject}|${a.kind}`;
    if (!open.has(k)) open.set(k, a);
  }
  const rows = [...open.values()].filter((a) => a.active).map((a) => `<tr><td>${a.provenance.blockNumber}</td><td>${esc(a.subject)}</td>
    <td>${esc(a.kind)}</td><td>${badge(a.severity)}</td><td class="wrap">${esc(a.message)}</td></tr>`);
  setHtml($('ov-alerts').tBodies[0], rows.join('') || '<tr><td colspan="5">No open alert.</td></tr>');
}

function renderDecisions(list) {
  const d = list[0];
  if (!d) return;
  setHtml($('dec-latest'), `<h3>Latest decision · block ${d.blockNumber}</h3>
    <p>${badge(d.action === 'HOLD' ? 'INFO' : 'WARN').replace(/>(INFO|WARN)</, `>${esc(d.action)}<`)} best venue <strong>${esc(d.bestVenue)}</strong>,
    gain ${num(d.gainBps, 1)} bps</p><p class="wrap">${esc(d.reason)}</p>`);
}

function renderTarget(t) {
  $('tgt-summary').textContent = `Block ${t.blockNumber}: ${t.action} — gain ${num(t.gainEth, 3)} ETH vs costs ${num(t.costEth, 3)} ETH; `
    + `liquidity reserve: ${num(t.reserve?.redeemable, 0)} ETH redeemable within ${t.reserve?.maxDelayDays} d (minimum ${num(t.reserve?.minimum, 0)}).`;
  const venues = [...t.venues].sort((a, b) => b.amount - a.amount).map((v) => `<tr><th scope="row">${esc(v.venue)}</th>
    <td class="num">${num(v.amount, 2)} ETH <span class="hint">(now ${num(v.current, 2)})</span></td><td class="num">${num(v.contribution, 4)}</td></tr>`);
  setHtml($('tgt-venues').tBodies[0], venues.join(''));
  const binding = (t.binding || []).map((b) => `<tr><th scope="row">${esc(b.kind)} ${esc(b.name)} <span class="hint">(${num(b.value, 2)} of ${num(b.limit, 2)})</span></th>
    <td class="num">${num(b.shadowPrice, 6)}</td></tr>`);
  if (t.reserve && t.reserve.binding) binding.push(`<tr><th scope="row">liquidity reserve</th><td class="num">${num(t.reserve.shadowPrice, 6)}</td></tr>`);
  setHtml($('tgt-binding').tBodies[0], binding.join('') || '<tr><td colspan="2">None binding.</td></tr>');
  const excluded = Object.entries(t.excluded || {}).map(([v, why]) => `<tr><th scope="row">${esc(v)}</th><td class="wrap">${esc(why)}</td></tr>`);
  for (const n of t.notes || []) excluded.push(`<tr><th scope="row">note</th><td class="wrap">${esc(n)}</td></tr>`);
  setHtml($('tgt-excluded').tBodies[0], excluded.join('') || '<tr><td colspan="2">None.</td></tr>');
}

const ACTIONABLE = { PROPOSED: ['approve', 'reject', 'cancel'], APPROVED: ['reject', 'cancel'] };

function renderPlans(list) {
  const cards = list.map(({ plan, steps, history }) => {
    const acts = ACTIONABLE[plan.status] || [];
    const buttons = acts.map((a) => `<button type="button" class="${a === 'approve' ? 'primary' : 'danger'}" data-act="${a}" data-plan="${esc(plan.planId)}">${a[0].toUpperCase()}${a.slice(1)} plan ${esc(plan.planId)}</button>`).join('');
    const actions = plan.actions.map((a) => `<tr><td class="num">${a.index}</td><td>${esc(a.venueId)}</td><td>${esc(a.kind)}</td><td class="mono">${esc(a.signature)}</td>
      <td class="num">${wei(a.valueWei)}</td><td class="num">${a.expectedOut == null ? '—' : wei(a.expectedOut)}</td><td class="num">${a.minOut == null ? '—' : wei(a.minOut)}</td></tr>`).join('');
    const stepRows = (steps || []).map((s) => `<tr><td class="num">${s.index}</td><td>${esc(s.source)}</td><td class="num">${wei(s.withdrawnWei)}</td>
      <td class="num">${wei(s.repaidWei)}</td><td class="num">${num(s.hfAfterWithdraw, 3)}</td><td class="num">${num(s.hfAfter, 3)}</td></tr>`).join('');
    return `<article class="plan" data-plan-id="${esc(plan.planId)}" data-status="${esc(plan.status)}" aria-labelledby="plan-${esc(plan.planId)}">
      <h3 id="plan-${esc(plan.planId)}">Plan <span class="mono">${esc(plan.planId)}</span> <span class="plan-status">${badge(plan.status)}</span>
        <span class="hint">block ${plan.provenance.blockNumber} · gain ${num(plan.expectedGainEth, 3)} ETH · cost ${num(plan.costEth, 3)} ETH</span></h3>
      <p class="wrap">${esc(plan.reason)}</p>
      ${buttons ? `<div class="actions-bar">${buttons}</div>` : ''}
      <details${plan.status === 'PROPOSED' ? ' open' : ''}><summary>${plan.actions.length} actions (values and min-outs in token units)</summary>
        <div class="scroll" tabindex="0"><table><thead><tr><th scope="col">#</th><th scope="col">Venue</th><th scope="col">Kind</th><th scope="col">Call</th>
        <th scope="col">Value (ETH)</th><th scope="col">Expected out</th><th scope="col">Min out</th></tr></thead><tbody>${actions}</tbody></table></div></details>
      ${stepRows ? `<details><summary>Loop steps and health factor after each</summary><div class="scroll" tabindex="0"><table><thead><tr><th scope="col">#</th><th scope="col">Step</th>
        <th scope="col">Borrowed / withdrawn</th><th scope="col">Supplied / repaid</th><th scope="col">HF low point</th><th scope="col">HF after</th></tr></thead>
        <tbody>${stepRows}</tbody></table></div></details>` : ''}
      <details><summary>Lifecycle</summary><ol>${(history || []).map((h) => `<li>${esc(h)}</li>`).join('')}</ol></details></article>`;
  });
  setHtml($('plans-list'), cards.join('') || '<p>No plan yet.</p>');
}

async function planAction(act, id) {
  try {
    const body = act === 'approve' ? undefined : { reason: `${act} from the console` };
    const r = await api(`rebalancer/v1/admin/plans/${encodeURIComponent(id)}/${act}`, { method: 'POST', body });
    notice(`Plan ${id}: ${r.plan.status}`, true);
  } catch (e) {
    notice(problemText(e));
  }
  refreshRebalancer();
}

async function pauseAction(act) {
  try {
    const r = await api(`rebalancer/v1/admin/${act}`, { method: 'POST', body: act === 'pause' ? { reason: 'paused from the console' } : undefined });
    notice(r.paused ? 'Vault paused' : 'Vault resumed', true);
  } catch (e) {
    notice(problemText(e));
  }
  refreshRebalancer();
}

function renderExecutions(res) {
  if (res.error) {
    setHtml($('exec-table').tBodies[0], `<tr><td colspan="6">${esc(problemText(res.error))}</td></tr>`);
    return;
  }
  const rows = res.ok.flatMap((p) => p.actions.map((a) => `<tr><td class="mono">${esc(p.planId)}</td><td>${a.index} ${esc(a.kind)} ${esc(a.venueId)}</td>
    <td class="num">${a.nonce ?? '—'}</td><td>${badge(a.status, a.error)}</td><td class="mono" title="${esc(a.txHash)}">${short(a.txHash)}</td>
    <td class="num">${a.blockNumber ?? '—'}</td></tr>`));
  setHtml($('exec-table').tBodies[0], rows.join('') || '<tr><td colspan="6">Nothing executed yet.</td></tr>');
}

/** Five steps of loss, each a background its text colour reads on at WCAG AA (a continuous scale has a middle that fails). */
const HEAT = [{ upTo: 0 }, { upTo: 0.25 }, { upTo: 0.5 }, { upTo: 0.75 }, { upTo: Infinity }];

function renderRisk(r) {
  $('risk-summary').textContent = `Stress at block ${r.blockNumber}: the loss of each position under each scenario.`;
  const venues = [...new Set(r.stress.map((s) => s.venueId))];
  const scenarios = [...new Set(r.stress.map((s) => s.scenario))];
  const max = Math.max(1e-9, ...r.stress.map((s) => Number(s.loss)));
  const cell = new Map(r.stress.map((s) => [`${s.scenario}|${s.venueId}`, s]));
  setHtml($('risk-heat').tHead, `<tr><th scope="col">Scenario</th>${venues.map((v) => `<th scope="col">${esc(v)}</th>`).join('')}</tr>`);
  setHtml($('risk-heat').tBodies[0], scenarios.map((sc) => `<tr><th scope="row">${esc(sc)}</th>${venues.map((v) => {
    const s = cell.get(`${sc}|${v}`);
    if (!s) return '<td>—</td>';
    const level = HEAT.findIndex((h) => Number(s.loss) / max <= h.upTo);
    return `<td class="cell heat-${level}" title="${esc(v)} after: ${esc(s.valueAfter)} ETH${s.healthFactor ? `, HF ${esc(s.healthFactor)}` : ''}">${num(s.loss, 2)}</td>`;
  }).join('')}</tr>`).join(''));
}

function renderIncidents(incidents) {
  setHtml($('risk-incidents').tBodies[0], incidentRows(incidents));
}

async function incidentAction(act, subject) {
  try {
    const r = await api(`rebalancer/v1/admin/incidents/${encodeURIComponent(subject)}/${act}`,
      { method: 'POST', body: { reason: `${act === 'hold' ? 'held' : 'acknowledged'} from the console` } });
    notice(act === 'hold' ? `Positions on ${r.subject} held: no forced exit, still no new entry until acknowledged`
      : `Incident on ${r.subject} acknowledged: its venues are back under their caps`, true);
  } catch (e) {
    notice(incidentRefusal(act, subject, e, roles()));
  }
  refreshRebalancer();
}

// ---------------------------------------------------------------- scenarios (devnet)

async function scenario(path, body) {
  try {
    const r = await api(`devnet/v1/scenarios/${path}`, { method: 'POST', body });
    const sc = r && r.type ? `${r.type} ${r.subject ?? ''}${r.bps ? ` ${r.bps} bps` : ''}, blocks ${r.startBlock}–${r.endBlock}` : JSON.stringify(r).slice(0, 300);
    $('sc-result').textContent = `${path}: ${sc}`;
    notice('');
  } catch (e) {
    notice(problemText(e));
  }
}

// ---------------------------------------------------------------- wiring

async function start() {
  try {
    const info = await api('console');
    state.devnet = info.devnet;
  } catch {
    state.devnet = false;
  }
  $('tab-scenarios').hidden = !state.devnet;
  window.addEventListener('hashchange', () => { show(); renderPrices(); drawApy(); });
  show();

  $('token-form').addEventListener('submit', (e) => {
    e.preventDefault();
    applyToken($('token').value);
    $('token').value = '';
  });
  $('token-clear').addEventListener('click', () => applyToken(null));
  $('btn-pause').addEventListener('click', () => pauseAction('pause'));
  $('btn-resume').addEventListener('click', () => pauseAction('resume'));
  $('risk-incidents').addEventListener('click', (e) => {
    const b = e.target.closest('button[data-incident]');
    if (b) incidentAction(b.dataset.incident, b.dataset.subject);
  });
  $('plans-list').addEventListener('click', (e) => {
    const b = e.target.closest('button[data-act]');
    if (b) planAction(b.dataset.act, b.dataset.plan);
  });
  $('size').addEventListener('input', () => {
    const s = SIZES[$('size').value];
    $('size-out').textContent = s ? `${s.toLocaleString('en-US')} ETH` : 'as quoted';
    $('size').setAttribute('aria-valuetext', $('size-out').textContent);
    scheduleSized();
  });
  $('size').setAttribute('aria-valuetext', 'as quoted');
  $('yields-table').tHead.addEventListener('click', (e) => {
    const b = e.target.closest('button[data-sort]');
    if (!b) return;
    state.sort = { key: b.dataset.sort, dir: state.sort.key === b.dataset.sort ? -state.sort.dir : (b.dataset.sort === 'netApy' ? -1 : 1) };
    renderYields();
  });
  $('price-asset').addEventListener('change', () => loadPriceHistory($('price-asset').value));
  $('yield-venue').addEventListener('change', () => loadApyHistory($('yield-venue').value));
  const formData = (f) => Object.fromEntries(new FormData(f).entries());
  $('sc-depeg').addEventListener('submit', (e) => {
    e.preventDefault();
    const d = formData(e.target);
    scenario('depeg', { asset: d.asset, bps: Number(d.bps), blocks: Number(d.blocks) });
  });
  $('sc-rate').addEventListener('submit', (e) => {
    e.preventDefault();
    const d = formData(e.target);
    scenario('rate-spike', { market: 'aave-weth', borrowAprBps: Number(d.borrowAprBps), blocks: Number(d.blocks) });
  });
  $('sc-stale').addEventListener('submit', (e) => {
    e.preventDefault();
    const d = formData(e.target);
    scenario('stale-oracle', { asset: d.asset, blocks: Number(d.blocks) });
  });
  $('sc-reset').addEventListener('submit', (e) => {
    e.preventDefault();
    scenario('reset', undefined);
  });

  const live = (s) => {
    $('live-dot').className = `dot ${s}`;
    if (s === 'off') $('live').textContent = 'reconnecting…';
  };
  await loadThresholds();
  try {
    for (const t of await api('price/v1/prices')) onTick(t);
    for (const q of await api('yield/v1/yields')) onQuote(q);
  } catch (e) {
    notice(problemText(e));
  }
  stream('price/v1/prices/stream', onTick, live);
  stream('yield/v1/yields/stream', onQuote, () => {});
  loadPriceHistory($('price-asset').value || 'wstETH');
  refreshRebalancer();
}

start();
