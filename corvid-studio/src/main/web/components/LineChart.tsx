import { frameFor, linePath, x, y } from '../logic/chart';
import { formatNumber } from '../logic/format';
import type { Point } from '../logic/progress';

export interface Series {
  name: string;
  points: Point[];
  /** CSS class that colours the line (chart-line-1, chart-line-2...). */
  className: string;
}

/** Axis numbers: whole numbers with separators, small ones with a decimal (0.5). */
function formatAxis(value: number): string {
  return value >= 10 || Number.isInteger(value) ? formatNumber(value) : String(Number(value.toFixed(2)));
}

const WIDTH = 360;
const HEIGHT = 110;

/** A small SVG line chart over time; the numbers are also given as text for screen readers. */
export function LineChart({ title, unit, series }: { title: string; unit: string; series: Series[] }) {
  const frame = frameFor(series.map((s) => s.points), WIDTH, HEIGHT);
  const latest = series.map((s) => `${s.name}: ${s.points.length ? formatNumber(s.points[s.points.length - 1].v) : 'no data'} ${unit}`).join('; ');
  const seconds = Math.round((frame.tMax - frame.tMin) / 1000);
  const empty = series.every((s) => s.points.length < 2);
  return (
    <figure class="chart">
      <figcaption>
        <span class="chart-title">{title}</span>
        <span class="chart-legend">
          {series.map((s) => (
            <span key={s.name} class="legend-item">
              <span class={`legend-swatch ${s.className}`} aria-hidden="true" />
              {s.name}
            </span>
          ))}
        </span>
      </figcaption>
      <svg viewBox={`-38 -8 ${WIDTH + 46} ${HEIGHT + 26}`} role="img" aria-label={`${title}. Latest ${latest}.`}>
        <line class="chart-axis" x1={0} y1={HEIGHT} x2={WIDTH} y2={HEIGHT} />
        <line class="chart-grid" x1={0} y1={y(frame, frame.yMax / 2)} x2={WIDTH} y2={y(frame, frame.yMax / 2)} />
        <line class="chart-grid" x1={0} y1={0} x2={WIDTH} y2={0} />
        <text class="chart-label" x={-6} y={4} text-anchor="end">{formatAxis(frame.yMax)}</text>
        <text class="chart-label" x={-6} y={y(frame, frame.yMax / 2) + 4} text-anchor="end">{formatAxis(frame.yMax / 2)}</text>
        <text class="chart-label" x={-6} y={HEIGHT + 4} text-anchor="end">0</text>
        <text class="chart-label" x={0} y={HEIGHT + 16}>{empty ? 'collecting samples…' : `${seconds} s ago`}</text>
        <text class="chart-label" x={WIDTH} y={HEIGHT + 16} text-anchor="end">now</text>
        {series.map((s) => (
          <g key={s.name}>
            <path class={`chart-line ${s.className}`} d={linePath(s.points, frame)} />
            {s.points.length > 0 && (
              <circle class={`chart-dot ${s.className}`} r={3} cx={x(frame, s.points[s.points.length - 1].t)} cy={y(frame, s.points[s.points.length - 1].v)} />
            )}
          </g>
        ))}
      </svg>
      <p class="chart-latest">
        Latest: {latest} <span class="muted">(y axis in {unit})</span>
      </p>
    </figure>
  );
}
