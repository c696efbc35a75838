// Scales and SVG paths for the small line charts on the task details page.

import type { Point } from './progress';

/** The smallest "nice" number (1, 2 or 5 × 10^n) not below `value`; at least 1. */
export function niceMax(value: number): number {
  if (!(value > 0)) return 1;
  const magnitude = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 5, 10]) {
    if (step * magnitude >= value) return step * magnitude;
  }
  return 10 * magnitude;
}

export interface Frame {
  width: number;
  height: number;
  tMin: number;
  tMax: number;
  yMax: number;
}

export function frameFor(points: Point[][], width: number, height: number): Frame {
  const all = points.flat();
  const tMin = all.length ? Math.min(...all.map((p) => p.t)) : 0;
  const tMax = all.length ? Math.max(...all.map((p) => p.t)) : 1;
  const yMax = niceMax(all.length ? Math.max(...all.map((p) => p.v)) : 0);
  return { width, height, tMin, tMax: tMax > tMin ? tMax : tMin + 1, yMax };
}

export function x(frame: Frame, t: number): number {
  return ((t - frame.tMin) / (frame.tMax - frame.tMin)) * frame.width;
}

export function y(frame: Frame, v: number): number {
  return frame.height - (Math.min(v, frame.yMax) / frame.yMax) * frame.height;
}

/** An SVG path through the points, or '' when there are none. */
export function linePath(points: Point[], frame: Frame): string {
  return points.map((p, i) => `${i === 0 ? 'M' : 'L'}${x(frame, p.t).toFixed(1)},${y(frame, p.v).toFixed(1)}`).join(' ');
}
