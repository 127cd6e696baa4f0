// Restaking risk as the services give it: the yield quotes' slashing-adjusted net APY, its components and the exposure
// behind each restaking token (operators, AVS operator sets), and the rebalancer's open incidents. Rows only: the page
// writes them. Exact API values stay in data-value attributes next to what is shown.
import { ApiProblem } from './api.js';
import { badge, esc, pct } from './format.js';

/** A quote's risk entries under a prefix (exposure.operator., exposure.avs.) as [name, exact value], largest first. */
export function shares(risk, prefix) {
  return Object.entries(risk).filter(([k]) => k.startsWith(prefix)).map(([k, v]) => [k.slice(prefix.length), v])
    .sort((a, b) => Number(b[1]) - Number(a[1]) || a[0].localeCompare(b[0]));
}

/** A percentage cell that keeps the API's exact string in data-value. */
function exact(cls, value, digits = 3) {
  return `<td class="num ${cls}" data-value="${esc(value ?? '')}">${pct(value, digits)}</td>`;
}

function list(items, attr, title) {
  return `<ul class="shares">${items.map(([name, v]) => `<li data-${attr}="${esc(name)}" data-value="${esc(v)}"${title && title(name) ? ` title="${esc(title(name))}"` : ''}>`
    + `${esc(name)} <strong>${pct(v, 1)}</strong></li>`).join('')}</ul>`;
}

/** The net APY table's and the exposure table's rows, for the quotes that carry a slashing assessment. */
export function restakingRows(allQuotes) {
  const quotes = allQuotes.filter((q) => q.risk && q.risk.expectedSlashingLoss != null).sort((a, b) => a.venueId.localeCompare(b.venueId));
  const apy = quotes.map((q) => {
    const r = q.risk;
    const part = (name) => q.components.find((c) => c.name === name);
    const fees = q.components.filter((c) => c.name.includes('fee'));
    const fee = fees.length === 1 ? fees[0].apy : fees.length ? String(fees.reduce((s, c) => s + Number(c.apy), 0)) : null;
    return `<tr data-venue="${esc(q.venueId)}" data-block="${q.provenance.blockNumber}"><th scope="row">${esc(q.venueId)}</th>
      ${exact('net', q.netApy)}<td class="band" data-low="${esc(r.netApyLow)}" data-high="${esc(r.netApyHigh)}">${pct(r.netApyLow, 3)} – ${pct(r.netApyHigh, 3)}</td>
      ${exact('before', r.netApyBeforeSlashing)}${exact('staking', part('staking')?.apy)}${exact('restaking', part('restaking-rewards')?.apy)}
      ${exact('fees', fee)}<td class="num loss" data-value="${esc(r.expectedSlashingLoss)}" title="band ${esc(r.expectedSlashingLossLow)} – ${esc(r.expectedSlashingLossHigh)}">${pct(r.expectedSlashingLoss, 3)}</td>
      <td class="num">${q.provenance.blockNumber}</td></tr>`;
  });
  const exposure = quotes.map((q) => {
    const r = q.risk;
    return `<tr data-venue="${esc(q.venueId)}" data-block="${q.provenance.blockNumber}"><th scope="row">${esc(q.venueId)}</th>
      <td class="num restaked" data-value="${esc(r.restakedShare ?? '')}">${pct(r.restakedShare, 1)}</td>
      <td class="operators">${list(shares(r, 'exposure.operator.').slice(0, 5), 'operator')}</td>
      <td class="avs">${list(shares(r, 'exposure.avs.'), 'avs', (set) => r[`slashing.avs.${set}`] || '')}</td></tr>`;
  });
  return {
    apy: apy.join('') || '<tr><td colspan="9">No restaking quote yet.</td></tr>',
    exposure: exposure.join('') || '<tr><td colspan="4">No restaking quote yet.</td></tr>',
  };
}

/** The rebalancer's open incidents (GET /risk): each caps its subject's venues to 0 until an admin acknowledges it. */
export function incidentRows(incidents) {
  const rows = Object.values(incidents).sort((a, b) => a.subject.localeCompare(b.subject)).map((i) => {
    const s = esc(i.subject);
    const hold = i.hold ? '' : `<button type="button" data-incident="hold" data-subject="${s}">Hold ${s}</button>`;
    return `<tr data-subject="${s}" data-hold="${i.hold}"><th scope="row">${s}</th><td>${esc(i.kind)}</td><td>${badge(i.severity)}</td>
      <td class="num">${i.blockNumber}</td><td class="num">${i.alerts}</td><td class="positions">${i.hold ? `held by ${esc(i.heldBy)}` : 'being exited'}</td>
      <td class="wrap">${esc(i.message)}</td><td><div class="actions-bar">${hold}
      <button type="button" class="primary" data-incident="acknowledge" data-subject="${s}">Acknowledge ${s}</button></div></td></tr>`;
  });
  return rows.join('') || '<tr><td colspan="8" class="wrap">No open incident: every venue is under its ordinary caps.</td></tr>';
}

/** A refused incident action in words an operator acts on: which token is missing, then the API's own problem. */
export function incidentRefusal(act, subject, e, roles) {
  const what = act === 'hold' ? `Holding the positions on ${subject}` : `Acknowledging the incident on ${subject}`;
  const api = e instanceof ApiProblem ? `${e.problem.title || 'Refused'} (${e.status}): ${e.problem.detail || e.problem.title || ''}` : String(e.message || e);
  if (e instanceof ApiProblem && e.status === 401) return `${what} needs an admin token: paste one above. ${api}`;
  if (e instanceof ApiProblem && e.status === 403) return `${what} needs the admin role; this token has ${roles.join(', ') || 'no role'}. ${api}`;
  return api;
}
