// Charts as inline SVG strings, drawn in code: estimates with intervals, grouped bars and weekly
// lines. No fonts, scripts or files are referenced, so a report stays one self-contained file.

export const PALETTE = ['#2f6f9f', '#d9822b', '#3a9d5d', '#c94c4c', '#7b5ea7', '#8c8c8c', '#b8a038'];
const FONT = 'font-family="system-ui, sans-serif" font-size="12"';

export function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

const fixed = (x: number) => (Math.round(x * 10) / 10).toString();

/** A linear map from [lo, hi] onto [a, b], with a little room around the data. */
function scale(values: readonly number[], a: number, b: number): (x: number) => number {
  let lo = Math.min(...values);
  let hi = Math.max(...values);
  if (!(hi > lo)) [lo, hi] = [lo - 1, hi + 1];
  const pad = (hi - lo) * 0.05;
  lo -= pad;
  hi += pad;
  return (x) => a + ((x - lo) / (hi - lo)) * (b - a);
}

export interface IntervalPoint {
  label: string;
  value: number | null;
  ci: readonly [number, number] | null;
}

/** One row per estimate: a dot, its interval as a whisker, and a line at zero. */
export function intervalChart(points: readonly IntervalPoint[], format: (x: number) => string, width = 680): string {
  const rowHeight = 26;
  const left = 230;
  const right = width - 150;
  const height = points.length * rowHeight + 30;
  const known = points.flatMap((p) => [...(p.value === null ? [] : [p.value]), ...(p.ci ?? [])]);
  const x = scale([0, ...known], left, right);
  const rows = points.map((p, i) => {
    const y = 20 + i * rowHeight;
    const label = `<text x="${left - 8}" y="${y + 4}" text-anchor="end" ${FONT}>${escapeXml(p.label)}</text>`;
    if (p.value === null) return `${label}<text x="${left}" y="${y + 4}" ${FONT} fill="#888">not enough data</text>`;
    const whisker = p.ci === null ? '' : `<line x1="${fixed(x(p.ci[0]))}" x2="${fixed(x(p.ci[1]))}" y1="${y}" y2="${y}" stroke="#2f6f9f" stroke-width="2"/>`;
    const text = `${format(p.value)}${p.ci === null ? '' : ` [${format(p.ci[0])}, ${format(p.ci[1])}]`}`;
    return `${label}${whisker}<circle cx="${fixed(x(p.value))}" cy="${y}" r="4" fill="#2f6f9f"/><text x="${right + 8}" y="${y + 4}" ${FONT}>${escapeXml(text)}</text>`;
  });
  const zero = fixed(x(0));
  return `<svg width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img">`
    + `<line x1="${zero}" x2="${zero}" y1="6" y2="${height - 16}" stroke="#999" stroke-dasharray="3,3"/>`
    + `<text x="${zero}" y="${height - 4}" text-anchor="middle" ${FONT} fill="#666">0</text>${rows.join('')}</svg>`;
}

export interface BarGroup {
  label: string;
  values: readonly number[];
}

/** Horizontal bars: one group per label, one bar per series, with a legend. */
export function groupedBarChart(groups: readonly BarGroup[], series: readonly string[], format: (x: number) => string, width = 680): string {
  const bar = 11;
  const groupHeight = series.length * bar + 12;
  const left = 170;
  const right = width - 70;
  const legendHeight = 22;
  const height = legendHeight + groups.length * groupHeight + 10;
  const max = Math.max(0, ...groups.flatMap((g) => g.values));
  const x = (v: number) => left + (max > 0 ? (v / max) * (right - left) : 0);
  const legend = series.map((name, i) => `<rect x="${left + i * 100}" y="4" width="10" height="10" fill="${PALETTE[i % PALETTE.length]}"/><text x="${left + i * 100 + 14}" y="13" ${FONT}>${escapeXml(name)}</text>`);
  const bars = groups.map((g, gi) => {
    const top = legendHeight + gi * groupHeight;
    const label = `<text x="${left - 8}" y="${top + (series.length * bar) / 2 + 4}" text-anchor="end" ${FONT}>${escapeXml(g.label)}</text>`;
    return label + g.values.map((v, si) => {
      const y = top + si * bar;
      return `<rect x="${left}" y="${y}" width="${fixed(Math.max(0, x(v) - left))}" height="${bar - 2}" fill="${PALETTE[si % PALETTE.length]}"><title>${escapeXml(`${series[si]}: ${format(v)}`)}</title></rect>`
        + `<text x="${fixed(x(v) + 4)}" y="${y + bar - 3}" font-family="system-ui, sans-serif" font-size="9" fill="#555">${escapeXml(format(v))}</text>`;
    }).join('');
  });
  return `<svg width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img">${legend.join('')}${bars.join('')}</svg>`;
}

export interface LineSeries {
  name: string;
  /** One value per x label; null leaves a gap. */
  values: ReadonlyArray<number | null>;
}

/** Lines over weeks, with y ticks and a legend. */
export function lineChart(xLabels: readonly string[], series: readonly LineSeries[], format: (y: number) => string, width = 680, height = 240): string {
  const left = 60;
  const right = width - 20;
  const top = 28;
  const bottom = height - 40;
  const values = series.flatMap((s) => s.values.filter((v): v is number => v !== null));
  const y = scale([0, ...values], bottom, top);
  const x = (i: number) => (xLabels.length <= 1 ? (left + right) / 2 : left + (i / (xLabels.length - 1)) * (right - left));
  const max = Math.max(0, ...values);
  const ticks = [0, max / 2, max].map((t) => `<line x1="${left}" x2="${right}" y1="${fixed(y(t))}" y2="${fixed(y(t))}" stroke="#eee"/><text x="${left - 6}" y="${fixed(y(t) + 4)}" text-anchor="end" ${FONT} fill="#666">${escapeXml(format(t))}</text>`);
  const every = Math.max(1, Math.ceil(xLabels.length / 8));
  const labels = xLabels.map((label, i) => (i % every === 0 ? `<text x="${fixed(x(i))}" y="${bottom + 18}" text-anchor="middle" ${FONT} fill="#666">${escapeXml(label)}</text>` : ''));
  const lines = series.map((s, si) => {
    const colour = PALETTE[si % PALETTE.length];
    const segments: string[][] = [[]];
    s.values.forEach((v, i) => {
      if (v === null) segments.push([]);
      else segments[segments.length - 1]?.push(`${fixed(x(i))},${fixed(y(v))}`);
    });
    const paths = segments.filter((seg) => seg.length > 0).map((seg) => (seg.length === 1
      ? `<circle cx="${seg[0]?.split(',')[0]}" cy="${seg[0]?.split(',')[1]}" r="3" fill="${colour}"/>`
      : `<polyline points="${seg.join(' ')}" fill="none" stroke="${colour}" stroke-width="2"/>`));
    return paths.join('') + `<rect x="${left + si * 130}" y="6" width="10" height="10" fill="${colour}"/><text x="${left + si * 130 + 14}" y="15" ${FONT}>${escapeXml(s.name)}</text>`;
  });
  return `<svg width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img">${ticks.join('')}${labels.join('')}${lines.join('')}</svg>`;
}
