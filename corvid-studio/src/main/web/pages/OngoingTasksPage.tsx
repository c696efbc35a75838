import { useState } from 'preact/hooks';
import { api } from '../api/client';
import type { OngoingTask, TaskType } from '../api/types';
import { useInterval, useLoad } from '../app/hooks';
import { paths } from '../app/router';
import { Loading } from '../components/Busy';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { Message } from '../components/Message';
import { summarizeTask, taskTypeLabel } from '../logic/etl';
import { formatNumber, formatSeconds } from '../logic/format';

type Pending = { kind: 'delete' | 'reset' | 'toggle'; task: OngoingTask };

/** Settings → Manage Ongoing Tasks: every ETL task with its state, destination, lag and errors. */
export function OngoingTasksPage({ db }: { db: string }) {
  const tasks = useLoad(() => api.tasks(db), [db]);
  const [adding, setAdding] = useState(false);
  const [pending, setPending] = useState<Pending>();
  const [notice, setNotice] = useState<string>();
  useInterval(() => void tasks.reload(), 5000);

  return (
    <section>
      <div class="page-title">
        <h1>Ongoing Tasks</h1>
        <button type="button" class="primary" aria-expanded={adding} aria-controls="add-task-menu" onClick={() => setAdding(!adding)}>
          Add Task
        </button>
      </div>
      {adding && (
        <div id="add-task-menu" class="card task-types" role="group" aria-label="Task type">
          <a class="task-type" href={paths.etlTask(db, 'Raven')}>
            <strong>RavenDB ETL</strong>
            <span>Send documents, reshaped by a script, to another RavenDB-compatible database.</span>
          </a>
          <a class="task-type" href={paths.etlTask(db, 'Sql')}>
            <strong>SQL ETL</strong>
            <span>Write rows to tables of a relational database such as PostgreSQL or MySQL.</span>
          </a>
        </div>
      )}
      {notice && (
        <Message kind="success" onDismiss={() => setNotice(undefined)}>
          {notice}
        </Message>
      )}
      {tasks.error && <Message kind="error">Could not load the tasks: {tasks.error}</Message>}
      {!tasks.data && tasks.loading && <Loading what="Loading tasks" />}
      {tasks.data && tasks.data.length === 0 && (
        <p class="empty">No ongoing tasks yet. Add Task creates a RavenDB ETL or SQL ETL task.</p>
      )}
      {tasks.data && tasks.data.length > 0 && (
        <div class="table-wrap">
          <table class="list tasks-table stack-narrow">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Type</th>
                <th scope="col">Status</th>
                <th scope="col">Destination</th>
                <th scope="col" class="number">
                  Lag
                </th>
                <th scope="col" class="number">
                  Errors
                </th>
                <th scope="col">
                  <span class="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {tasks.data.map((task) => (
                <TaskRow key={task.TaskId} db={db} task={task} onAction={(kind) => setPending({ kind, task })} />
              ))}
            </tbody>
          </table>
        </div>
      )}
      {pending && (
        <PendingDialog
          db={db}
          pending={pending}
          onDone={(text) => {
            setNotice(text);
            void tasks.reload();
          }}
          onClose={() => setPending(undefined)}
        />
      )}
    </section>
  );
}

function TaskRow({ db, task, onAction }: { db: string; task: OngoingTask; onAction: (kind: Pending['kind']) => void }) {
  const summary = summarizeTask(task);
  const etlType = task.TaskType === 'SqlEtl' ? 'Sql' : 'Raven';
  const disabled = task.TaskState === 'Disabled';
  return (
    <tr data-task={task.TaskName}>
      <th scope="row">
        <a href={paths.taskDetails(db, task.TaskName)}>{task.TaskName}</a>
      </th>
      <td class="nowrap" data-label="Type">{taskTypeLabel(task.TaskType)}</td>
      <td data-label="Status">
        <span class={`badge badge-${summary.status.toLowerCase().replace(/\s+/g, '-')}`}>{summary.status}</span>
        {task.Error && <div class="task-error">{task.Error}</div>}
      </td>
      <td class="destination" data-label="Destination">{summary.destination}</td>
      <td class="number nowrap" data-label="Lag" data-lag-documents={summary.documentsToProcess}>
        {formatNumber(summary.documentsToProcess)} docs
        <div class="muted">{formatSeconds(summary.lagSeconds)}</div>
      </td>
      <td class="number" data-label="Errors">{summary.errorCount > 0 ? <span class="error-count">{formatNumber(summary.errorCount)}</span> : '0'}</td>
      <td class="row-actions">
        <a class="button" href={paths.taskDetails(db, task.TaskName)} aria-label={`Details of ${task.TaskName}`}>
          Details
        </a>
        <a class="button" href={paths.etlTask(db, etlType, task.TaskId)} aria-label={`Edit ${task.TaskName}`}>
          Edit
        </a>
        <button type="button" onClick={() => onAction('toggle')} aria-label={`${disabled ? 'Enable' : 'Disable'} ${task.TaskName}`}>
          {disabled ? 'Enable' : 'Disable'}
        </button>
        <button type="button" onClick={() => onAction('reset')} aria-label={`Reset ${task.TaskName}`}>
          Reset
        </button>
        <button type="button" class="danger-outline" onClick={() => onAction('delete')} aria-label={`Delete ${task.TaskName}`}>
          Delete
        </button>
      </td>
    </tr>
  );
}

function PendingDialog({ db, pending, onDone, onClose }: { db: string; pending: Pending; onDone: (notice: string) => void; onClose: () => void }) {
  const { task, kind } = pending;
  const type = (task.TaskType === 'SqlEtl' ? 'SqlEtl' : 'RavenEtl') as TaskType;
  const scripts = task.Scripts?.map((s) => s.Name) ?? task.Configuration?.Transforms.map((t) => t.Name) ?? [];
  if (kind === 'delete') {
    return (
      <ConfirmDialog
        title={`Delete task '${task.TaskName}'?`}
        confirmText="Delete"
        busyText="Deleting"
        danger
        onConfirm={async () => {
          await api.deleteTask(db, task.TaskId, type);
          onDone(`Task '${task.TaskName}' deleted.`);
        }}
        onClose={onClose}
      >
        <p>The task stops and its progress is forgotten. Data already sent to the destination stays there.</p>
      </ConfirmDialog>
    );
  }
  if (kind === 'reset') {
    return (
      <ConfirmDialog
        title={`Reset task '${task.TaskName}'?`}
        confirmText="Reset"
        busyText="Resetting"
        onConfirm={async () => {
          for (const script of scripts) await api.resetEtl(db, task.TaskName, script);
          onDone(`Task '${task.TaskName}' reset: its scripts start again from the first document.`);
        }}
        onClose={onClose}
      >
        <p>
          Every script ({scripts.join(', ') || 'none'}) starts again from the first document. The destination is not cleaned: documents
          are written again over the ones already there.
        </p>
      </ConfirmDialog>
    );
  }
  const disable = task.TaskState !== 'Disabled';
  return (
    <ConfirmDialog
      title={`${disable ? 'Disable' : 'Enable'} task '${task.TaskName}'?`}
      confirmText={disable ? 'Disable' : 'Enable'}
      busyText={disable ? 'Disabling' : 'Enabling'}
      onConfirm={async () => {
        await api.setTaskDisabled(db, task.TaskId, type, disable);
        onDone(`Task '${task.TaskName}' ${disable ? 'disabled' : 'enabled'}.`);
      }}
      onClose={onClose}
    >
      <p>
        {disable
          ? 'The task stops sending changes. It keeps its progress and continues from there when enabled again.'
          : 'The task starts sending the changes made since it stopped.'}
      </p>
    </ConfirmDialog>
  );
}
