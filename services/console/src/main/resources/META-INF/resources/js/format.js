// Display only: the exact decimal strings of the APIs stay in data-value attributes, these are for eyes.

export const esc = (s) => String(s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));

export function num(v, digits = 4) {
  if (v === null || v === undefined || v === '') return '—';
  const n = Number(v);
  return Number.isFinite(n) ? n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits }) : esc(v);
}

export function pct(v, digits = 2) {
  if (v === null || v === undefined || v === '') return '—';
  return `${(Number(v) * 100).toFixed(digits)} %`;
}

export function eth(v, digits = 4) {
  return v === null || v === undefined ? '—' : `${num(v, digits)} ETH`;
}

/** An amount in wei as ETH. */
export function wei(v, digits = 4) {
  if (v === null || v === undefined) return '—';
  const s = String(v).padStart(19, '0');
  return `${num(`${s.slice(0, -18)}.${s.slice(-18)}`, digits)}`;
}

export function badge(label, title) {
  const l = esc(label || '—');
  return `<span class="badge b-${l}"${title ? ` title="${esc(title)}"` : ''}>${l}</span>`;
}

export const short = (h) => (h && h.length > 14 ? `${h.slice(0, 8)}…${h.slice(-6)}` : h || '—');
