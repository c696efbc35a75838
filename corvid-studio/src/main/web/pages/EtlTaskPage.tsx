import { useEffect, useState } from 'preact/hooks';
import { api } from '../api/client';
import type { EtlType } from '../api/types';
import { useAction, useLoad } from '../app/hooks';
import { navigate, paths } from '../app/router';
import { BusyButton, Loading } from '../components/Busy';
import { describedBy, Field } from '../components/Field';
import { Message } from '../components/Message';
import {
  type FormErrors,
  fromConfiguration,
  newScript,
  newTaskForm,
  type ScriptForm,
  scriptsToReset,
  type TaskForm,
  taskTypeLabel,
  taskTypeOf,
  toConfiguration,
  validateTaskForm,
} from '../logic/etl';
import { ScriptCard } from './ScriptCard';
import { SqlTablesEditor } from './SqlTablesEditor';

/**
 * Add Task → RavenDB ETL / SQL ETL, and editing an existing task: name, connection string,
 * transform scripts (Add New Script, Add Collection), SQL tables, Save.
 */
export function EtlTaskPage({ db, etlType, taskId }: { db: string; etlType: EtlType; taskId?: number }) {
  const existing = useLoad(async () => {
    if (taskId === undefined) return newTaskForm(etlType);
    const task = await api.task(db, taskId, taskTypeOf(etlType));
    if (!task?.Configuration) throw new Error(`There is no ${taskTypeLabel(taskTypeOf(etlType))} task with id ${taskId}.`);
    return fromConfiguration(task.Configuration);
  }, [db, etlType, taskId]);

  if (existing.error) {
    return (
      <section>
        <h1>{taskTypeLabel(taskTypeOf(etlType))}</h1>
        <Message kind="error">{existing.error}</Message>
        <a href={paths.ongoingTasks(db)}>Back to the ongoing tasks</a>
      </section>
    );
  }
  if (!existing.data) return <Loading what="Loading the task" />;
  return <TaskEditor db={db} initial={existing.data} />;
}

function TaskEditor({ db, initial }: { db: string; initial: TaskForm }) {
  const [form, setForm] = useState<TaskForm>(initial);
  const [errors, setErrors] = useState<FormErrors>({});
  const [submitted, setSubmitted] = useState(false);
  const save = useAction();
  const connectionStrings = useLoad(() => api.connectionStrings(db), [db]);
  const stats = useLoad(() => api.collectionStats(db), [db]);
  const isNew = form.taskId === undefined;
  const label = taskTypeLabel(taskTypeOf(form.etlType));

  useEffect(() => {
    if (submitted) setErrors(validateTaskForm(form));
  }, [form, submitted]);

  const update = (changes: Partial<TaskForm>) => setForm((f) => ({ ...f, ...changes }));
  const updateScript = (index: number, script: ScriptForm) => setForm((f) => ({ ...f, scripts: f.scripts.map((s, i) => (i === index ? script : s)) }));

  const names = Object.keys(
    (form.etlType === 'Sql' ? connectionStrings.data?.SqlConnectionStrings : connectionStrings.data?.RavenConnectionStrings) ?? {},
  );
  const collections = Object.keys(stats.data?.Collections ?? {}).sort();

  const submit = async (e: Event) => {
    e.preventDefault();
    setSubmitted(true);
    const found = validateTaskForm(form);
    setErrors(found);
    if (Object.keys(found).length > 0) {
      focusFirstError();
      return;
    }
    const ok = await save.run(() => api.putEtl(db, toConfiguration(form), form.taskId, scriptsToReset(form)));
    if (ok) navigate(paths.ongoingTasks(db));
  };

  return (
    <section>
      <div class="page-title">
        <h1>{isNew ? `New ${label}` : `Edit ${label} '${initial.name}'`}</h1>
        <a href={paths.ongoingTasks(db)}>← Ongoing tasks</a>
      </div>
      <form class="etl-form" onSubmit={submit} aria-label={`${label} task`} noValidate>
        <div class="card">
          <div class="form-row">
            <Field id="task-name" label="Task name" error={errors.name}>
              <input
                {...describedBy('task-name', errors.name)}
                value={form.name}
                onInput={(e) => update({ name: e.currentTarget.value })}
                autocomplete="off"
                spellcheck={false}
              />
            </Field>
            <Field
              id="task-connection-string"
              label="Connection string"
              error={errors.connectionStringName}
              hint={
                <>
                  Defined in <a href={paths.connectionStrings(db)}>Settings → Connection Strings</a>
                </>
              }
            >
              <select
                {...describedBy('task-connection-string', errors.connectionStringName, true)}
                value={form.connectionStringName}
                onChange={(e) => {
                  const chosen = e.currentTarget.value;
                  setForm((f) => ({
                    ...f,
                    connectionStringName: chosen,
                    name: f.name || !chosen ? f.name : `${f.etlType === 'Sql' ? 'SQL' : 'RavenDB'} ETL to ${chosen}`,
                  }));
                }}
              >
                <option value="">Choose a connection string</option>
                {names.map((n) => (
                  <option key={n} value={n}>
                    {n}
                  </option>
                ))}
                {form.connectionStringName && !names.includes(form.connectionStringName) && (
                  <option value={form.connectionStringName}>{form.connectionStringName} (missing)</option>
                )}
              </select>
            </Field>
          </div>
          {connectionStrings.error && <Message kind="error">Could not load the connection strings: {connectionStrings.error}</Message>}
          {connectionStrings.data && names.length === 0 && (
            <Message kind="info">
              There is no {form.etlType === 'Sql' ? 'SQL' : 'RavenDB'} connection string yet. Create one in{' '}
              <a href={paths.connectionStrings(db)}>Settings → Connection Strings</a> first.
            </Message>
          )}
        </div>

        {form.etlType === 'Sql' && <SqlTablesEditor form={form} errors={errors} onChange={update} />}

        <div class="scripts">
          <div class="section-title">
            <h2>Transform Scripts</h2>
            <button
              type="button"
              onClick={() => {
                setForm((f) => ({ ...f, scripts: [...f.scripts, newScript()] }));
                setTimeout(() => document.getElementById(`script-${form.scripts.length}-name`)?.focus(), 0);
              }}
            >
              Add New Script
            </button>
          </div>
          {errors.scripts && <p class="field-error">{errors.scripts}</p>}
          {form.scripts.length === 0 && !errors.scripts && <p class="empty">No scripts yet: Add New Script says what to send.</p>}
          {form.scripts.map((script, i) => (
            <ScriptCard
              key={script.key}
              db={db}
              index={i}
              form={form}
              script={script}
              collections={collections}
              errors={errors}
              onChange={(s) => updateScript(i, s)}
              onRemove={() => setForm((f) => ({ ...f, scripts: f.scripts.filter((_, j) => j !== i) }))}
            />
          ))}
        </div>

        {save.error && <Message kind="error">Could not save the task: {save.error}</Message>}
        {Object.keys(errors).length > 0 && <Message kind="error">Fix the fields marked above, then Save again.</Message>}
        <div class="actions sticky-actions">
          <BusyButton type="submit" class="primary" busy={save.busy} busyText="Saving">
            Save
          </BusyButton>
          <a class="button" href={paths.ongoingTasks(db)}>
            Cancel
          </a>
        </div>
      </form>
    </section>
  );
}

function focusFirstError() {
  setTimeout(() => {
    const invalid = document.querySelector<HTMLElement>('[aria-invalid="true"], .field-invalid input, .field-invalid .cm-content');
    invalid?.focus();
  }, 0);
}
