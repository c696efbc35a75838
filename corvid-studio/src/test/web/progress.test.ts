import { describe, expect, it } from 'vitest';
import { frameFor, linePath, niceMax } from '../../main/web/logic/chart';
import { formatSeconds } from '../../main/web/logic/format';
import { appendSample, completion, sampleOf, throughput } from '../../main/web/logic/progress';

describe('progress sampling and charts', () => {
  it('sums documents to process and takes the largest lag over the scripts', () => {
    const sample = sampleOf(
      {
        TaskName: 't',
        EtlType: 'Raven',
        ProcessesProgress: [
          { TransformationName: 'a', Completed: false, Disabled: false, NumberOfDocumentsToProcess: 10, TotalNumberOfDocuments: 100, NumberOfDocumentTombstonesToProcess: 1, LagInSeconds: 2, LoadedItems: 90 },
          { TransformationName: 'b', Completed: true, Disabled: false, NumberOfDocumentsToProcess: 0, TotalNumberOfDocuments: 50, LagInSeconds: 0, LoadedItems: 50 },
        ],
      },
      1000,
    );
    expect(sample).toEqual({ at: 1000, documentsToProcess: 11, lagSeconds: 2, loaded: 140 });
  });

  it('computes throughput between samples and treats a restart as zero', () => {
    const samples = [
      { at: 0, documentsToProcess: 0, lagSeconds: 0, loaded: 0 },
      { at: 2000, documentsToProcess: 0, lagSeconds: 0, loaded: 100 },
      { at: 4000, documentsToProcess: 0, lagSeconds: 0, loaded: 10 },
    ];
    expect(throughput(samples)).toEqual([
      { t: 2000, v: 50 },
      { t: 4000, v: 0 },
    ]);
  });

  it('keeps only the newest samples', () => {
    let samples = [] as ReturnType<typeof sampleOf>[];
    for (let i = 0; i < 5; i++) samples = appendSample(samples, { at: i, documentsToProcess: 0, lagSeconds: 0, loaded: 0 }, 3);
    expect(samples.map((s) => s.at)).toEqual([2, 3, 4]);
  });

  it('reports completion of the current run', () => {
    const base = { TransformationName: 'a', Disabled: false };
    expect(completion({ ...base, Completed: false, NumberOfDocumentsToProcess: 25, TotalNumberOfDocuments: 100 })).toBe(0.75);
    expect(completion({ ...base, Completed: true, NumberOfDocumentsToProcess: 0, TotalNumberOfDocuments: 0 })).toBe(1);
  });

  it('scales charts to a nice maximum and draws a path', () => {
    expect([0, 0.3, 3, 7, 12, 999].map(niceMax)).toEqual([1, 0.5, 5, 10, 20, 1000]);
    const frame = frameFor([[{ t: 0, v: 0 }, { t: 10, v: 5 }]], 100, 50);
    expect(linePath([{ t: 0, v: 0 }, { t: 10, v: 5 }], frame)).toBe('M0.0,50.0 L100.0,0.0');
    expect(linePath([], frame)).toBe('');
  });

  it('formats lags', () => {
    expect([0, 4.25, 42, 185, 7800].map(formatSeconds)).toEqual(['0 s', '4.3 s', '42 s', '3 min 5 s', '2 h 10 min']);
  });
});
