// Samples of a task's progress, taken by the details page every few seconds, and what the charts draw.

import type { ProcessProgress, TaskProgress } from '../api/types';

export interface Sample {
  /** Milliseconds since the epoch. */
  at: number;
  documentsToProcess: number;
  lagSeconds: number;
  /** Items loaded to the destination since the process started (a counter). */
  loaded: number;
}

export interface Point {
  t: number;
  v: number;
}

export const MAX_SAMPLES = 90;

export function sampleOf(progress: TaskProgress, at: number): Sample {
  const processes = progress.ProcessesProgress ?? [];
  return {
    at,
    documentsToProcess: processes.reduce((sum, p) => sum + p.NumberOfDocumentsToProcess + (p.NumberOfDocumentTombstonesToProcess ?? 0), 0),
    lagSeconds: processes.reduce((max, p) => Math.max(max, p.LagInSeconds ?? 0), 0),
    loaded: processes.reduce((sum, p) => sum + (p.LoadedItems ?? 0), 0),
  };
}

/** Keeps the newest `max` samples. */
export function appendSample(samples: Sample[], sample: Sample, max = MAX_SAMPLES): Sample[] {
  const next = [...samples, sample];
  return next.length > max ? next.slice(next.length - max) : next;
}

/** Documents loaded per second between consecutive samples; a restart (counter going down) counts as 0. */
export function throughput(samples: Sample[]): Point[] {
  const points: Point[] = [];
  for (let i = 1; i < samples.length; i++) {
    const seconds = (samples[i].at - samples[i - 1].at) / 1000;
    const delta = samples[i].loaded - samples[i - 1].loaded;
    points.push({ t: samples[i].at, v: seconds > 0 && delta > 0 ? delta / seconds : 0 });
  }
  return points;
}

export function series(samples: Sample[], value: (s: Sample) => number): Point[] {
  return samples.map((s) => ({ t: s.at, v: value(s) }));
}

/** Share of the collection's documents already sent, 0..1. */
export function completion(process: ProcessProgress): number {
  if (process.Completed) return 1;
  const total = process.TotalNumberOfDocuments;
  if (!total) return process.NumberOfDocumentsToProcess > 0 ? 0 : 1;
  return Math.min(1, Math.max(0, (total - process.NumberOfDocumentsToProcess) / total));
}
