import { useEffect, useState } from 'preact/hooks';
import { api, errorMessage } from '../api/client';
import type { EtlError, ProcessDebugStats, ProcessPerformance, ProcessProgress, TaskProgress } from '../api/types';
import { useInterval, useLoad } from '../app/hooks';
import { paths } from '../app/router';
import { Loading } from '../components/Busy';
import { LineChart } from '../components/LineChart';
import { Message } from '../components/Message';
import { formatDate, formatMs, formatNumber, formatSeconds } from '../logic/format';
import { appendSample, completion, type Sample, sampleOf, series, throughput } from '../logic/progress';

const SAMPLE_EVERY_MS = 2000;

/** One task at work: progress of the current run, lag and throughput over time, recent batches, errors. */
export function TaskDetailsPage({ db, name }: { db: string; name: string }) {
  const [progress, setProgress] = useState<TaskProgress>();
  const [samples, setSamples] = useState<Sample[]>([]);
  const [progressError, setProgressError] = useState<string>();
  const performance = useLoad(() => api.etlPerformance(db, name), [db, name]);
  const errors = useLoad(() => api.etlErrors(db, name), [db, name]);
  const tables = useLoad(() => api.etlDebugStats(db, name), [db, name]);
  const tasks = useLoad(() => api.tasks(db), [db]);
  const task = tasks.data?.find((t) => t.TaskName.toLowerCase() === name.toLowerCase());

  const sample = async () => {
    try {
      const current = await api.etlProgress(db, name);
      setProgress(current);
      setProgressError(current ? undefined : `There is no ETL task named '${name}'.`);
      if (current) setSamples((list) => appendSample(list, sampleOf(current, Date.now())));
    } catch (e) {
      setProgressError(errorMessage(e));
    }
  };
  useEffect(() => void sample(), [db, name]); // eslint-disable-line react-hooks/exhaustive-deps
  useInterval(() => void sample(), SAMPLE_EVERY_MS);
  useInterval(() => {
    void performance.reload();
    void errors.reload();
    void tables.reload();
    void tasks.reload();
  }, 5000);

  return (
    <section>
      <div class="page-title">
        <h1>
          Task <span class="task-name">{name}</span>
        </h1>
        <div class="row-actions">
          {task && (
            <a class="button" href={paths.etlTask(db, task.TaskType === 'SqlEtl' ? 'Sql' : 'Raven', task.TaskId)}>
              Edit task
            </a>
          )}
          <a href={paths.ongoingTasks(db)}>← Ongoing tasks</a>
        </div>
      </div>
      {task && (
        <p class="lead">
          {task.TaskType === 'SqlEtl' ? 'SQL ETL' : 'RavenDB ETL'} · {task.TaskState}
          {task.ConnectionStringName ? ` · connection string ${task.ConnectionStringName}` : ''}
        </p>
      )}
      {progressError && <Message kind="error">{progressError}</Message>}
      {!progress && !progressError && <Loading what="Loading progress" />}
      {progress && <ProgressSection processes={progress.ProcessesProgress} />}

      <h2>Over time</h2>
      <p class="hint">Sampled every {SAMPLE_EVERY_MS / 1000} seconds while this page is open.</p>
      <div class="charts">
        <LineChart title="Lag" unit="documents" series={[{ name: 'Documents to process', points: series(samples, (s) => s.documentsToProcess), className: 'chart-line-1' }]} />
        <LineChart title="Lag" unit="seconds" series={[{ name: 'Seconds behind', points: series(samples, (s) => s.lagSeconds), className: 'chart-line-2' }]} />
        <LineChart title="Throughput" unit="documents/s" series={[{ name: 'Loaded per second', points: throughput(samples), className: 'chart-line-3' }]} />
      </div>

      {task?.TaskType === 'SqlEtl' && (
        <>
          <h2>Tables</h2>
          {tables.error && <Message kind="error">{tables.error}</Message>}
          {tables.data && <Tables processes={tables.data} />}
        </>
      )}

      <h2>Recent batches</h2>
      {performance.error && <Message kind="error">{performance.error}</Message>}
      {performance.data && <Batches processes={performance.data} />}

      <h2>Errors</h2>
      {errors.error && <Message kind="error">{errors.error}</Message>}
      {errors.data && <Errors db={db} errors={errors.data} />}
    </section>
  );
}

function ProgressSection({ processes }: { processes: ProcessProgress[] }) {
  return (
    <div class="progress-cards">
      {processes.map((p) => {
        const done = completion(p);
        return (
          <article class="card progress-card" key={p.TransformationName} aria-label={`Script ${p.TransformationName}`}>
            <h3>{p.TransformationName}</h3>
            <progress max={1} value={done} aria-label={`Script ${p.TransformationName}: ${Math.round(done * 100)}% of documents sent`} />
            <p class="progress-text">
              {p.Completed ? 'Up to date' : `${formatNumber(p.NumberOfDocumentsToProcess)} of ${formatNumber(p.TotalNumberOfDocuments)} documents to process`}
              {p.Disabled ? ' · disabled' : ''}
            </p>
            <dl class="stats">
              <div>
                <dt>Status</dt>
                <dd>{statusText(p.Status)}</dd>
              </div>
              <div>
                <dt>Lag</dt>
                <dd>{formatSeconds(p.LagInSeconds)}</dd>
              </div>
              <div>
                <dt>Loaded</dt>
                <dd>{formatNumber(p.LoadedItems)}</dd>
              </div>
              <div>
                <dt>Script errors</dt>
                <dd>{formatNumber(p.ScriptErrors ?? 0)}</dd>
              </div>
              <div>
                <dt>Load errors</dt>
                <dd>{formatNumber(p.LoadErrors ?? 0)}</dd>
              </div>
              <div>
                <dt>Last batch</dt>
                <dd>{formatDate(p.LastBatchAt)}</dd>
              </div>
            </dl>
            {p.LastError && <Message kind="error">Last error: {p.LastError}</Message>}
            {p.NextAttemptAt && <Message kind="warning">Retrying at {formatDate(p.NextAttemptAt)}.</Message>}
          </article>
        );
      })}
    </div>
  );
}

function Batches({ processes }: { processes: ProcessPerformance[] }) {
  const rows = processes
    .flatMap((p) => p.Performance.map((b) => ({ script: p.TransformationName, batch: b })))
    .sort((a, b) => b.batch.Started.localeCompare(a.batch.Started))
    .slice(0, 25);
  if (rows.length === 0) return <p class="empty">No batches yet.</p>;
  return (
    <div class="table-wrap">
      <table class="list batches-table stack-narrow">
        <thead>
          <tr>
            <th scope="col">Started</th>
            <th scope="col">Script</th>
            <th scope="col" class="number">
              Extracted
            </th>
            <th scope="col" class="number">
              Loaded
            </th>
            <th scope="col" class="number">
              Duration
            </th>
            <th scope="col" class="number">
              Extract / transform / load
            </th>
            <th scope="col">Stop reason</th>
            <th scope="col">Result</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(({ script, batch }, i) => (
            <tr key={`${script}-${batch.Id ?? i}-${batch.Started}`}>
              <td class="nowrap" data-label="Started">{formatDate(batch.Started)}</td>
              <td data-label="Script">{script}</td>
              <td class="number" data-label="Extracted">{formatNumber(batch.NumberOfExtractedItems)}</td>
              <td class="number" data-label="Loaded">{formatNumber(batch.NumberOfTransformedItems)}</td>
              <td class="number" data-label="Duration">{formatMs(batch.DurationInMs)}</td>
              <td class="number nowrap" data-label="Extract / transform / load">
                {formatMs(batch.Details?.ExtractDurationInMs)} / {formatMs(batch.Details?.TransformDurationInMs)} / {formatMs(batch.Details?.LoadDurationInMs)}
              </td>
              <td data-label="Stop reason">{batch.BatchTransformationCompleteReason ?? batch.BatchStopReason ?? '–'}</td>
              <td data-label="Result">
                {batch.SuccessfullyLoaded === false ? <span class="badge badge-error">Failed</span> : batch.SuccessfullyLoaded ? 'Loaded' : '–'}
                {(batch.TransformationErrorCount ?? 0) > 0 && <div class="error-count">{formatNumber(batch.TransformationErrorCount)} script errors</div>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Per script and table: rows written, documents whose rows were replaced or deleted, time spent; then slow statements. */
function Tables({ processes }: { processes: ProcessDebugStats[] }) {
  const rows = processes.flatMap((p) => Object.entries(p.Metrics.Tables).map(([table, m]) => ({ script: p.TransformationName, table, m })));
  const slow = processes.flatMap((p) => p.Metrics.SlowSqlWarnings.map((w) => ({ script: p.TransformationName, w })));
  return (
    <>
      {rows.length === 0 ? (
        <p class="empty">Nothing written since the server started.</p>
      ) : (
        <div class="table-wrap">
          <table class="list tables-table stack-narrow">
            <thead>
              <tr>
                <th scope="col">Script</th>
                <th scope="col">Table</th>
                <th scope="col" class="number">
                  Rows written
                </th>
                <th scope="col" class="number">
                  Documents whose rows were deleted first
                </th>
                <th scope="col" class="number">
                  Write / delete time
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map(({ script, table, m }) => (
                <tr key={`${script}-${table}`}>
                  <td data-label="Script">{script}</td>
                  <td data-label="Table">
                    <code>{table}</code>
                  </td>
                  <td class="number" data-label="Rows written">{formatNumber(m.WrittenRows)}</td>
                  <td class="number" data-label="Documents whose rows were deleted first">{formatNumber(m.DeletedDocuments)}</td>
                  <td class="number nowrap" data-label="Write / delete time">
                    {formatMs(m.WriteDurationInMs)} / {formatMs(m.DeleteDurationInMs)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {slow.length === 0 ? (
        <p class="hint">No statement took longer than 3 seconds.</p>
      ) : (
        <Message kind="warning">
          Slow statements (over 3 seconds):
          <ul class="slow-statements">
            {slow.map(({ script, w }, i) => (
              <li key={i}>
                {formatDate(w.Date)} · {script} · {w.TableName} · {formatMs(w.Duration)}: <code>{w.Statement}</code>
              </li>
            ))}
          </ul>
        </Message>
      )}
    </>
  );
}

function Errors({ db, errors }: { db: string; errors: EtlError[] }) {
  if (errors.length === 0) return <p class="empty">No errors.</p>;
  return (
    <div class="table-wrap">
      <table class="list errors-table stack-narrow">
        <thead>
          <tr>
            <th scope="col">When</th>
            <th scope="col">Script</th>
            <th scope="col">Document</th>
            <th scope="col">Error</th>
          </tr>
        </thead>
        <tbody>
          {errors.map((e, i) => (
            <tr key={i}>
              <td class="nowrap" data-label="When">{formatDate(e.Date)}</td>
              <td data-label="Script">{e.TransformationName}</td>
              <td data-label="Document">
                {e.DocumentId ? (
                  <a href={paths.document(db, e.DocumentId)}>
                    <code>{e.DocumentId}</code>
                  </a>
                ) : (
                  '–'
                )}
              </td>
              <td class="error-text" data-label="Error">
                {e.Error}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** IDLE → Idle, WAITING_FOR_DESTINATION → Waiting for destination. */
export function statusText(status: string | undefined): string {
  if (!status) return '–';
  const words = status.replace(/_/g, ' ').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
