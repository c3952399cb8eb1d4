/**
 * docs/benchmarks.svg: wall time of `up` and `destroy` against their floors (calls ÷ 10/s) across
 * N, as a plain SVG line chart (no dependency; any browser or Markdown viewer shows it).
 */
import { DESTROY_CALLS_PER_GROUP, findStep, FLOOR_MS_PER_CALL, floorMs } from "./figures";
import type { SizeResult, StepName } from "./scenario";

export interface Series {
  label: string;
  color: string;
  dashed: boolean;
  points: [number, number][];
}

const WIDTH = 720;
const HEIGHT = 420;
const MARGIN = { left: 64, right: 220, top: 36, bottom: 52 };

/** A round step giving about five ticks up to `max`. */
function tickStep(max: number): number {
  const raw = max / 5;
  const power = 10 ** Math.floor(Math.log10(raw));
  return [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw) ?? raw;
}

const escape = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

function seriesFor(results: SizeResult[]): Series[] {
  const on = results.filter((r) => r.limiter).sort((a, b) => a.n - b.n);
  const off = results.filter((r) => !r.limiter).sort((a, b) => a.n - b.n);
  // Failed steps are left out: their time is not that of the work done.
  const line = (rs: SizeResult[], step: StepName, pick: "wall" | "floor") =>
    rs.flatMap((r): [number, number][] => {
      const s = findStep(r, step);
      return s && !s.error ? [[r.n, (pick === "wall" ? s.wallMs : floorMs(s)) / 1000]] : [];
    });
  const out: Series[] = [
    { label: "up: wall time", color: "#1f6feb", dashed: false, points: line(on, "up", "wall") },
    { label: "up: floor (calls ÷ 10/s)", color: "#1f6feb", dashed: true, points: line(on, "up", "floor") },
    { label: "destroy: wall time", color: "#d1242f", dashed: false, points: line(on, "destroy", "wall") },
    { label: "destroy: floor", color: "#d1242f", dashed: true, points: line(on, "destroy", "floor") },
    {
      label: `destroy: target (${DESTROY_CALLS_PER_GROUP} calls per group ÷ 10/s)`,
      color: "#9a6700",
      dashed: true,
      points: on
        .filter((r) => findStep(r, "destroy"))
        .map((r): [number, number] => [r.n, (DESTROY_CALLS_PER_GROUP * r.n * FLOOR_MS_PER_CALL) / 1000]),
    },
  ];
  if (off.length > 0) {
    out.push({
      label: "up without the limiter",
      color: "#8250df",
      dashed: false,
      points: line(off, "up", "wall"),
    });
  }
  return out.filter((s) => s.points.length > 0);
}

export function renderChart(results: SizeResult[]): string {
  return renderLineChart("Wall time against the floor (10 calls/s), by number of groups", seriesFor(results));
}

/** A line chart of seconds by number of groups, one line per series, the legend on the right. */
export function renderLineChart(title: string, series: Series[]): string {
  const all = series.flatMap((s) => s.points);
  const maxN = Math.max(...all.map(([n]) => n), 1);
  const step = tickStep(Math.max(...all.map(([, t]) => t), 1));
  const maxT = Math.ceil(Math.max(...all.map(([, t]) => t), 1) / step) * step;
  const plotW = WIDTH - MARGIN.left - MARGIN.right;
  const plotH = HEIGHT - MARGIN.top - MARGIN.bottom;
  const x = (n: number) => MARGIN.left + (n / maxN) * plotW;
  const y = (t: number) => MARGIN.top + plotH - (t / maxT) * plotH;
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" font-family="sans-serif" font-size="12">`,
    `<rect width="${WIDTH}" height="${HEIGHT}" fill="#ffffff"/>`,
    `<text x="${MARGIN.left}" y="20" font-size="14" font-weight="bold">${escape(title)}</text>`,
  ];
  for (let t = 0; t <= maxT + 1e-9; t += step) {
    parts.push(
      `<line x1="${MARGIN.left}" x2="${MARGIN.left + plotW}" y1="${y(t)}" y2="${y(t)}" stroke="#e5e7eb"/>`,
      `<text x="${MARGIN.left - 8}" y="${y(t) + 4}" text-anchor="end">${Math.round(t)}</text>`,
    );
  }
  const sizes = [...new Set(all.map(([n]) => n))].sort((a, b) => a - b);
  for (const n of sizes) {
    parts.push(`<text x="${x(n)}" y="${MARGIN.top + plotH + 18}" text-anchor="middle">${n}</text>`);
  }
  parts.push(
    `<line x1="${MARGIN.left}" x2="${MARGIN.left}" y1="${MARGIN.top}" y2="${MARGIN.top + plotH}" stroke="#374151"/>`,
    `<line x1="${MARGIN.left}" x2="${MARGIN.left + plotW}" y1="${MARGIN.top + plotH}" y2="${MARGIN.top + plotH}" stroke="#374151"/>`,
    `<text x="${MARGIN.left + plotW / 2}" y="${HEIGHT - 12}" text-anchor="middle">groups (N)</text>`,
    `<text transform="translate(18 ${MARGIN.top + plotH / 2}) rotate(-90)" text-anchor="middle">seconds</text>`,
  );
  series.forEach((s, i) => {
    const dash = s.dashed ? ` stroke-dasharray="6 4"` : "";
    const points = s.points.map(([n, t]) => `${x(n).toFixed(1)},${y(t).toFixed(1)}`).join(" ");
    parts.push(`<polyline points="${points}" fill="none" stroke="${s.color}" stroke-width="2"${dash}/>`);
    for (const [n, t] of s.points) {
      parts.push(`<circle cx="${x(n).toFixed(1)}" cy="${y(t).toFixed(1)}" r="3" fill="${s.color}"/>`);
    }
    const ly = MARGIN.top + 10 + i * 22;
    const lx = MARGIN.left + plotW + 16;
    parts.push(
      `<line x1="${lx}" x2="${lx + 28}" y1="${ly}" y2="${ly}" stroke="${s.color}" stroke-width="2"${dash}/>`,
      `<text x="${lx + 36}" y="${ly + 4}">${escape(s.label)}</text>`,
    );
  });
  parts.push("</svg>", "");
  return parts.join("\n");
}
