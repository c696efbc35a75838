// ETL tasks in the editor: form state, its configuration JSON (RavenEtlConfiguration /
// SqlEtlConfiguration, ETL.md §1.3), validation, and summaries for the task list.

import type { EtlConfiguration, EtlType, OngoingTask, SqlTable, TaskType, Transformation } from '../api/types';

export interface ScriptForm {
  /** Stable key for the list; not sent. */
  key: string;
  name: string;
  collections: string[];
  applyToAllDocuments: boolean;
  script: string;
  disabled: boolean;
  /** Name when loaded from the server; undefined for a new script. */
  savedName?: string;
  /** Run again from the first document when the task is saved (RavenDB's "apply from beginning of time"). */
  resetOnSave: boolean;
}

export interface SqlTableForm {
  key: string;
  tableName: string;
  documentIdColumn: string;
  insertOnly: boolean;
}

export interface TaskForm {
  etlType: EtlType;
  taskId?: number;
  name: string;
  connectionStringName: string;
  disabled: boolean;
  scripts: ScriptForm[];
  sqlTables: SqlTableForm[];
  parameterizeDeletes: boolean;
  quoteTables: boolean;
  commandTimeout: string;
  /** The configuration as loaded, so fields the form does not show survive an edit. */
  original?: EtlConfiguration;
}

let keys = 0;
const nextKey = (prefix: string) => `${prefix}-${++keys}`;

export function newScript(): ScriptForm {
  return { key: nextKey('script'), name: '', collections: [], applyToAllDocuments: false, script: '', disabled: false, resetOnSave: false };
}

export function newSqlTable(): SqlTableForm {
  return { key: nextKey('table'), tableName: '', documentIdColumn: '', insertOnly: false };
}

export function newTaskForm(etlType: EtlType): TaskForm {
  return {
    etlType,
    name: '',
    connectionStringName: '',
    disabled: false,
    scripts: [],
    sqlTables: [],
    parameterizeDeletes: true,
    quoteTables: true,
    commandTimeout: '',
  };
}

export function fromConfiguration(configuration: EtlConfiguration): TaskForm {
  const form = newTaskForm(configuration.EtlType === 'Sql' ? 'Sql' : 'Raven');
  form.taskId = configuration.TaskId;
  form.name = configuration.Name ?? '';
  form.connectionStringName = configuration.ConnectionStringName ?? '';
  form.disabled = configuration.Disabled ?? false;
  form.scripts = (configuration.Transforms ?? []).map((t) => ({
    key: nextKey('script'),
    name: t.Name ?? '',
    collections: [...(t.Collections ?? [])],
    applyToAllDocuments: t.ApplyToAllDocuments ?? false,
    script: t.Script ?? '',
    disabled: t.Disabled ?? false,
    savedName: t.Name,
    resetOnSave: false,
  }));
  form.sqlTables = (configuration.SqlTables ?? []).map((t) => ({
    key: nextKey('table'),
    tableName: t.TableName ?? '',
    documentIdColumn: t.DocumentIdColumn ?? '',
    insertOnly: t.InsertOnlyMode ?? false,
  }));
  form.parameterizeDeletes = configuration.ParameterizeDeletes ?? true;
  form.quoteTables = configuration.QuoteTables ?? true;
  form.commandTimeout = configuration.CommandTimeout === undefined || configuration.CommandTimeout === null ? '' : String(configuration.CommandTimeout);
  form.original = configuration;
  return form;
}

export function toTransformation(script: ScriptForm): Transformation {
  return {
    Name: script.name.trim(),
    Collections: script.applyToAllDocuments ? [] : script.collections,
    Script: script.script,
    Disabled: script.disabled,
    ApplyToAllDocuments: script.applyToAllDocuments,
  };
}

/** The configuration JSON to PUT; `scripts` limits the transforms (the test panel sends one). */
export function toConfiguration(form: TaskForm, scripts: ScriptForm[] = form.scripts): EtlConfiguration {
  const configuration: EtlConfiguration = {
    ...(form.original ?? {}),
    Name: form.name.trim(),
    ConnectionStringName: form.connectionStringName,
    EtlType: form.etlType,
    Disabled: form.disabled,
    Transforms: scripts.map(toTransformation),
  };
  if (form.taskId !== undefined) {
    configuration.TaskId = form.taskId;
  }
  if (form.etlType === 'Sql') {
    configuration.SqlTables = form.sqlTables.map(
      (t): SqlTable => ({ TableName: t.tableName.trim(), DocumentIdColumn: t.documentIdColumn.trim(), InsertOnlyMode: t.insertOnly }),
    );
    configuration.ParameterizeDeletes = form.parameterizeDeletes;
    configuration.QuoteTables = form.quoteTables;
    configuration.CommandTimeout = form.commandTimeout.trim() ? Number(form.commandTimeout) : null;
  }
  return configuration;
}

/** Scripts to restart from the first document after saving (sent as `reset=` parameters). */
export function scriptsToReset(form: TaskForm): string[] {
  return form.scripts.filter((s) => s.resetOnSave && s.savedName !== undefined).map((s) => s.name.trim());
}

export type FormErrors = Record<string, string>;

/**
 * What the server would reject, found before sending (the messages follow ETL.md §1.4).
 * Keys: name, connectionStringName, scripts, sqlTables, commandTimeout, script.{i}.name,
 * script.{i}.collections, script.{i}.script, table.{i}.tableName, table.{i}.documentIdColumn.
 */
export function validateTaskForm(form: TaskForm): FormErrors {
  const errors: FormErrors = {};
  if (!form.name.trim()) {
    errors.name = 'Name of ETL configuration cannot be empty';
  }
  if (!form.connectionStringName) {
    errors.connectionStringName = 'ConnectionStringName cannot be empty: pick a connection string (Settings → Connection Strings creates one)';
  }
  if (form.scripts.length === 0) {
    errors.scripts = "'Transforms' list cannot be empty: use Add New Script";
  }
  const seen = new Set<string>();
  form.scripts.forEach((script, i) => {
    const name = script.name.trim();
    if (!name) {
      errors[`script.${i}.name`] = 'Script name cannot be empty';
    } else if (seen.has(name.toLowerCase())) {
      errors[`script.${i}.name`] = `Script name '${name}' name is already defined. The script names need to be unique`;
    }
    seen.add(name.toLowerCase());
    if (!script.applyToAllDocuments && script.collections.length === 0) {
      errors[`script.${i}.collections`] = `Collections need be specified or ApplyToAllDocuments has to be set. Script name: '${name}'`;
    }
    if (form.etlType === 'Sql' && !script.script.trim()) {
      errors[`script.${i}.script`] = 'A SQL ETL script must call loadTo<TableName>(...)';
    }
  });
  if (form.etlType === 'Sql') {
    if (form.sqlTables.length === 0) {
      errors.sqlTables = 'SqlTables cannot be empty: use Add Table';
    }
    form.sqlTables.forEach((table, i) => {
      if (!table.tableName.trim()) {
        errors[`table.${i}.tableName`] = 'Table name cannot be empty';
      }
      if (!table.documentIdColumn.trim()) {
        errors[`table.${i}.documentIdColumn`] = 'Document id column cannot be empty';
      }
    });
    const timeout = form.commandTimeout.trim();
    if (timeout && !(Number.isInteger(Number(timeout)) && Number(timeout) > 0)) {
      errors.commandTimeout = 'Command timeout is a whole number of seconds, or empty for the provider default';
    }
  }
  return errors;
}

/** Adds a collection to a script once (collections match case-insensitively). */
export function addCollection(collections: string[], collection: string): string[] {
  const name = collection.trim();
  if (!name || collections.some((c) => c.toLowerCase() === name.toLowerCase())) {
    return collections;
  }
  return [...collections, name];
}

export function taskTypeLabel(type: TaskType | string): string {
  return type === 'SqlEtl' ? 'SQL ETL' : type === 'RavenEtl' ? 'RavenDB ETL' : type;
}

export function taskTypeOf(etlType: EtlType): TaskType {
  return etlType === 'Sql' ? 'SqlEtl' : 'RavenEtl';
}

export interface TaskSummary {
  destination: string;
  documentsToProcess: number;
  lagSeconds: number;
  errorCount: number;
  status: string;
}

/** What the task list shows for one task: destination, lag in documents and seconds, errors. */
export function summarizeTask(task: OngoingTask): TaskSummary {
  const scripts = task.Scripts ?? [];
  const documentsToProcess = scripts.reduce((sum, s) => sum + (s.DocumentsToProcess ?? 0) + (s.TombstonesToProcess ?? 0), 0);
  const lagSeconds = scripts.reduce((max, s) => Math.max(max, s.LagInSeconds ?? 0), 0);
  const errorCount = task.ErrorCount ?? scripts.reduce((sum, s) => sum + (s.ScriptErrors ?? 0) + (s.LoadErrors ?? 0), 0);
  return { destination: destinationOf(task), documentsToProcess, lagSeconds, errorCount, status: statusOf(task) };
}

export function destinationOf(task: OngoingTask): string {
  const database = task.DestinationDatabase ?? '';
  const where = task.TaskType === 'SqlEtl' ? task.DestinationServer ?? '' : task.DestinationUrl ?? '';
  if (database && where) return `${database}@${where}`;
  return database || where || (task.ConnectionStringName ? `(${task.ConnectionStringName})` : '–');
}

function statusOf(task: OngoingTask): string {
  if (task.TaskState === 'Disabled') return 'Disabled';
  const connection = task.TaskConnectionStatus;
  if (task.Error && connection === 'Reconnect') return 'Reconnecting';
  if (task.Error && connection === 'NotActive') return 'Error';
  return task.TaskState === 'PartiallyEnabled' ? 'Partially enabled' : 'Enabled';
}

/** A starting point for a new script, so the editor is never a blank page. */
export function scriptTemplate(etlType: EtlType, collection: string): string {
  if (etlType === 'Sql') {
    const table = collection || 'Orders';
    return `// Each call to loadTo${table}(...) writes one row to the ${table} table.\nloadTo${table}({\n    Id: id(this),\n    Name: this.Name\n});\n`;
  }
  return '';
}
