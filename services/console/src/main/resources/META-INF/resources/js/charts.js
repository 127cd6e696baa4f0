// Line charts on uPlot (bundled from npm at build time; window.uPlot). x is the block number.

const charts = new Map();

/** Enough decimals that neighbouring ticks read differently (a price moving in its 5th decimal), at least `min`. */
function decimalsFor(vals, min = 0) {
  const step = vals.length > 1 ? Math.abs(vals[1] - vals[0]) : 1;
  return Math.min(8, Math.max(min, step > 0 ? Math.ceil(-Math.log10(step)) : 0));
}

function width(el) {
  return Math.max(260, Math.floor(el.getBoundingClientRect().width) - 4);
}

/**
 * Draws (or redraws) a chart into the element with id `id`.
 * @param series [{label, stroke, dash?}] one per y array in data
 * @param data [xs, ys1, ys2, …]
 * @param decimals the y axis's least number of decimals
 */
export function lineChart(id, series, data, yLabel, decimals) {
  const el = document.getElementById(id);
  if (!el || !window.uPlot) return;
  const key = id + '|' + series.map((s) => s.label).join(',');
  const existing = charts.get(id);
  if (existing && existing.key === key) {
    existing.plot.setData(data);
    return;
  }
  if (existing) existing.plot.destroy();
  el.textContent = '';
  const opts = {
    width: width(el),
    height: 220,
    scales: { x: { time: false } },
    axes: [{ label: 'block' }, { label: yLabel, size: 80, values: (u, vals) => vals.map((v) => v.toFixed(decimalsFor(vals, decimals))) }],
    series: [{ label: 'block' }, ...series.map((s) => ({ label: s.label, stroke: s.stroke, width: 2, dash: s.dash, spanGaps: true }))],
  };
  const plot = new window.uPlot(opts, data, el);
  charts.set(id, { key, plot });
}

window.addEventListener('resize', () => {
  for (const [id, c] of charts) {
    const el = document.getElementById(id);
    if (el && el.offsetParent !== null) c.plot.setSize({ width: width(el), height: 220 });
  }
});

/** After a hidden view becomes visible its charts take their container's width. */
export function refit() {
  window.dispatchEvent(new Event('resize'));
}
