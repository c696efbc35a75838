import { useState } from 'preact/hooks';
import { api } from '../api/client';
import type { RavenTestResult, SqlTestResult, TransformationError } from '../api/types';
import { useAction, useLoad } from '../app/hooks';
import { BusyButton } from '../components/Busy';
import { describedBy, Field } from '../components/Field';
import { Message } from '../components/Message';
import { type ScriptForm, type TaskForm, toConfiguration } from '../logic/etl';

/**
 * Runs one script against one document on the server, without saving anything: shows the
 * documents (RavenDB ETL) or SQL statements with parameters (SQL ETL) that would be loaded, and
 * the script's output() lines.
 */
export function ScriptTestPanel({ id, db, form, script }: { id: string; db: string; form: TaskForm; script: ScriptForm }) {
  const [documentId, setDocumentId] = useState('');
  const [isDelete, setIsDelete] = useState(false);
  const [rolledBack, setRolledBack] = useState(false);
  const [result, setResult] = useState<{ raven?: RavenTestResult; sql?: SqlTestResult }>();
  const action = useAction();
  const firstCollection = script.collections[0];
  const candidates = useLoad(
    async () => (firstCollection ? (await api.collectionDocuments(db, firstCollection, 0, 25)).results : (await api.documents(db, 0, 25)).results),
    [db, firstCollection],
  );
  const ids = (candidates.data ?? []).map((d) => String(d['@metadata']['@id']));

  const run = async () => {
    setResult(undefined);
    const configuration = toConfiguration(form, [script]);
    const target = documentId.trim();
    await action.run(async () => {
      if (!target) throw new Error('Pick the document to test the script with.');
      if (form.etlType === 'Sql') {
        setResult({ sql: await api.testSqlScript(db, { DocumentId: target, IsDelete: isDelete, PerformRolledBackTransaction: rolledBack, Configuration: configuration }) });
      } else {
        setResult({ raven: await api.testRavenScript(db, { DocumentId: target, IsDelete: isDelete, Configuration: configuration }) });
      }
    });
  };

  return (
    <div id={id} class="test-panel" role="region" aria-label={`Test of script ${script.name || ''}`}>
      <h4>Test script</h4>
      {/* not a <form>: the panel sits inside the task's form */}
      <div class="inline-form" role="group" aria-label="Test the script">
        <Field id={`${id}-document`} label="Document id" hint={ids.length ? `e.g. ${ids[0]}` : undefined}>
          <input
            {...describedBy(`${id}-document`, undefined, ids.length > 0)}
            list={`${id}-documents`}
            value={documentId}
            onInput={(e) => setDocumentId(e.currentTarget.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') {
                e.preventDefault();
                void run();
              }
            }}
            autocomplete="off"
            spellcheck={false}
          />
          <datalist id={`${id}-documents`}>
            {ids.map((d) => (
              <option key={d} value={d} />
            ))}
          </datalist>
        </Field>
        <label class="checkbox">
          <input type="checkbox" checked={isDelete} onChange={(e) => setIsDelete(e.currentTarget.checked)} /> Test a deletion of the document
        </label>
        {form.etlType === 'Sql' && (
          <label class="checkbox">
            <input type="checkbox" checked={rolledBack} onChange={(e) => setRolledBack(e.currentTarget.checked)} /> Run the statements in a
            transaction that is rolled back
          </label>
        )}
        <BusyButton onClick={run} busy={action.busy} busyText="Running the script">
          Run test
        </BusyButton>
      </div>
      {action.error && <Message kind="error">{action.error}</Message>}
      {result?.raven && <RavenResult result={result.raven} />}
      {result?.sql && <SqlResult result={result.sql} />}
    </div>
  );
}

function Errors({ title, errors }: { title: string; errors: TransformationError[] | undefined }) {
  if (!errors?.length) return null;
  return (
    <Message kind="error">
      <strong>{title}</strong>
      <ul>
        {errors.map((e, i) => (
          <li key={i}>
            {e.DocumentId ? <code>{e.DocumentId}</code> : null} {e.Error}
          </li>
        ))}
      </ul>
    </Message>
  );
}

function Output({ lines }: { lines: string[] | undefined }) {
  return (
    <section class="test-output" aria-label="output() lines">
      <h5>output()</h5>
      {lines?.length ? <pre class="debug-output">{lines.join('\n')}</pre> : <p class="muted">The script wrote no output.</p>}
    </section>
  );
}

function RavenResult({ result }: { result: RavenTestResult }) {
  return (
    <div class="test-result" data-testid="test-result">
      <Errors title="The script failed" errors={result.TransformationErrors} />
      <h5>What would be loaded</h5>
      {result.Commands.length === 0 ? (
        <p class="muted">Nothing: the script loads nothing for this document.</p>
      ) : (
        result.Commands.map((command, i) => (
          <div key={i} class="test-command">
            <p>
              <span class="badge">{String(command.Type)}</span> <code>{String(command.Id ?? '')}</code>
              {command.IdPrefixed ? ' (every document with this prefix)' : ''}
            </p>
            {command.Document !== undefined && <pre class="json">{JSON.stringify(command.Document, null, 2)}</pre>}
          </div>
        ))
      )}
      <Output lines={result.DebugOutput} />
    </div>
  );
}

function SqlResult({ result }: { result: SqlTestResult }) {
  return (
    <div class="test-result" data-testid="test-result">
      <Errors title="The script failed" errors={result.TransformationErrors} />
      <Errors title="The database refused a statement" errors={result.LoadErrors} />
      <h5>SQL statements</h5>
      {(result.Summary ?? []).length === 0 && <p class="muted">No statements for this document.</p>}
      {(result.Summary ?? []).map((table) => (
        <div key={table.TableName} class="test-table">
          <h6>{table.TableName}</h6>
          {table.Commands.map((command, i) => (
            <div key={i} class="test-command">
              <pre class="sql">{command.CommandText}</pre>
              <Params params={command.Params} />
            </div>
          ))}
        </div>
      ))}
      <Output lines={result.DebugOutput} />
    </div>
  );
}

/** Parameters as a name/value table, whatever shape the server sends (array of {Name, Value} or an object). */
function Params({ params }: { params: unknown }) {
  const rows = paramRows(params);
  if (rows.length === 0) return null;
  return (
    <table class="list params">
      <caption class="visually-hidden">Parameters</caption>
      <thead>
        <tr>
          <th scope="col">Parameter</th>
          <th scope="col">Value</th>
        </tr>
      </thead>
      <tbody>
        {rows.map(([name, value]) => (
          <tr key={name}>
            <th scope="row">
              <code>{name}</code>
            </th>
            <td>
              <code>{value}</code>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function paramRows(params: unknown): [string, string][] {
  const show = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v));
  if (Array.isArray(params)) {
    return params.map((p, i) => {
      if (p && typeof p === 'object' && 'Name' in p) {
        const entry = p as { Name: unknown; Value?: unknown };
        return [String(entry.Name), show(entry.Value)];
      }
      return [`${i + 1}`, show(p)];
    });
  }
  if (params && typeof params === 'object') {
    return Object.entries(params).map(([k, v]) => [k, show(v)]);
  }
  return [];
}
