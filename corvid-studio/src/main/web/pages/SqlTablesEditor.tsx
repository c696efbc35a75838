import { describedBy, Field } from '../components/Field';
import { type FormErrors, newSqlTable, type SqlTableForm, type TaskForm } from '../logic/etl';

/** SQL ETL: the tables the scripts load to, each with its document id column and insert-only mode; and the SQL options. */
export function SqlTablesEditor({ form, errors, onChange }: { form: TaskForm; errors: FormErrors; onChange: (changes: Partial<TaskForm>) => void }) {
  const setTable = (index: number, changes: Partial<SqlTableForm>) =>
    onChange({ sqlTables: form.sqlTables.map((t, i) => (i === index ? { ...t, ...changes } : t)) });

  return (
    <div class="card sql-tables">
      <div class="section-title">
        <h2>SQL Tables</h2>
        <button type="button" onClick={() => onChange({ sqlTables: [...form.sqlTables, newSqlTable()] })}>
          Add Table
        </button>
      </div>
      <p class="hint">
        Each script calls <code>loadTo&lt;TableName&gt;(row)</code>. Before writing a document's rows, its old rows are deleted by the
        document id column, unless the table is insert-only.
      </p>
      {errors.sqlTables && <p class="field-error">{errors.sqlTables}</p>}
      {form.sqlTables.map((table, i) => (
        <fieldset class="table-row" key={table.key}>
          <legend class="visually-hidden">Table {i + 1}</legend>
          <Field id={`table-${i}-name`} label="Table name" error={errors[`table.${i}.tableName`]}>
            <input
              {...describedBy(`table-${i}-name`, errors[`table.${i}.tableName`])}
              value={table.tableName}
              onInput={(e) => setTable(i, { tableName: e.currentTarget.value })}
              autocomplete="off"
              spellcheck={false}
            />
          </Field>
          <Field id={`table-${i}-id-column`} label="Document id column" error={errors[`table.${i}.documentIdColumn`]}>
            <input
              {...describedBy(`table-${i}-id-column`, errors[`table.${i}.documentIdColumn`])}
              value={table.documentIdColumn}
              onInput={(e) => setTable(i, { documentIdColumn: e.currentTarget.value })}
              autocomplete="off"
              spellcheck={false}
            />
          </Field>
          <label class="checkbox">
            <input type="checkbox" checked={table.insertOnly} onChange={(e) => setTable(i, { insertOnly: e.currentTarget.checked })} /> Insert only
          </label>
          <button
            type="button"
            class="link-button"
            aria-label={`Remove table ${table.tableName || i + 1}`}
            onClick={() => onChange({ sqlTables: form.sqlTables.filter((_, j) => j !== i) })}
          >
            Remove
          </button>
        </fieldset>
      ))}
      <details class="sql-options">
        <summary>Advanced</summary>
        <label class="checkbox">
          <input type="checkbox" checked={form.parameterizeDeletes} onChange={(e) => onChange({ parameterizeDeletes: e.currentTarget.checked })} />{' '}
          Parameterize deletes
        </label>
        <label class="checkbox">
          <input type="checkbox" checked={form.quoteTables} onChange={(e) => onChange({ quoteTables: e.currentTarget.checked })} /> Quote table
          names
        </label>
        <Field id="sql-command-timeout" label="Command timeout (seconds)" error={errors.commandTimeout} hint="Empty: the provider's default">
          <input
            {...describedBy('sql-command-timeout', errors.commandTimeout, true)}
            inputMode="numeric"
            value={form.commandTimeout}
            onInput={(e) => onChange({ commandTimeout: e.currentTarget.value })}
          />
        </Field>
      </details>
    </div>
  );
}
