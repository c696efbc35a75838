import { useState } from 'preact/hooks';
import { api } from '../api/client';
import type { ConnectionString, RavenConnectionString, SqlConnectionString, SqlTestConnectionResult } from '../api/types';
import { useAction } from '../app/hooks';
import { BusyButton } from '../components/Busy';
import { describedBy, Field } from '../components/Field';
import { Message } from '../components/Message';
import { type FieldErrors, normalizeUrls, SERVER_MASK, SQL_FACTORIES, validateRaven, validateSql } from '../logic/connectionStrings';

/** Create or edit one connection string. The name of an existing one is fixed (tasks refer to it). */
export function ConnectionStringForm({ db, existing, onSaved, onCancel }: {
  db: string;
  existing?: ConnectionString;
  onSaved: (name: string) => void;
  onCancel: () => void;
}) {
  const [type, setType] = useState<'Raven' | 'Sql'>(existing?.Type ?? 'Raven');
  const [name, setName] = useState(existing?.Name ?? '');
  const [database, setDatabase] = useState(existing?.Type === 'Raven' ? existing.Database : '');
  const [urls, setUrls] = useState<string[]>(existing?.Type === 'Raven' ? [...existing.TopologyDiscoveryUrls] : [location.origin]);
  const [factory, setFactory] = useState(existing?.Type === 'Sql' ? existing.FactoryName : 'Npgsql');
  const [connection, setConnection] = useState(existing?.Type === 'Sql' ? existing.ConnectionString : '');
  const [showSecret, setShowSecret] = useState(false);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [testResult, setTestResult] = useState<SqlTestConnectionResult>();
  const save = useAction();
  const test = useAction();

  const value = (): ConnectionString =>
    type === 'Raven'
      ? ({ Type: 'Raven', Name: name.trim(), Database: database.trim(), TopologyDiscoveryUrls: urls } satisfies RavenConnectionString)
      : ({ Type: 'Sql', Name: name.trim(), FactoryName: factory, ConnectionString: connection } satisfies SqlConnectionString);

  const submit = async (e: Event) => {
    e.preventDefault();
    const cs = value();
    const found = cs.Type === 'Raven' ? validateRaven(cs) : validateSql(cs);
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    const toSave = cs.Type === 'Raven' ? { ...cs, TopologyDiscoveryUrls: normalizeUrls(cs.TopologyDiscoveryUrls) } : cs;
    if (await save.run(() => api.putConnectionString(db, toSave))) onSaved(toSave.Name);
  };

  const testConnection = async () => {
    setTestResult(undefined);
    if (!connection.trim()) {
      setErrors({ ConnectionString: 'ConnectionString cannot be empty' });
      return;
    }
    await test.run(async () => setTestResult(await api.testSqlConnection(db, factory, connection, existing?.Type === 'Sql' ? existing.Name : undefined)));
  };

  const factories = SQL_FACTORIES.some((f) => f.name === factory) ? SQL_FACTORIES : [...SQL_FACTORIES, { name: factory, label: factory }];
  const heading = existing ? `Edit connection string '${existing.Name}'` : 'New connection string';

  return (
    <form class="card" onSubmit={submit} aria-labelledby="cs-form-heading" noValidate>
      <h2 id="cs-form-heading">{heading}</h2>
      <div class="form-row">
        <Field id="cs-type" label="Type">
          <select {...describedBy('cs-type')} value={type} disabled={!!existing} onChange={(e) => setType(e.currentTarget.value as 'Raven' | 'Sql')}>
            <option value="Raven">RavenDB</option>
            <option value="Sql">SQL</option>
          </select>
        </Field>
        <Field id="cs-name" label="Name" error={errors.Name}>
          <input
            {...describedBy('cs-name', errors.Name)}
            value={name}
            readOnly={!!existing}
            onInput={(e) => setName(e.currentTarget.value)}
            autocomplete="off"
            spellcheck={false}
          />
        </Field>
      </div>
      {type === 'Raven' ? (
        <>
          <Field id="cs-database" label="Database" error={errors.Database} hint="The destination database, on the servers below">
            <input
              {...describedBy('cs-database', errors.Database, true)}
              value={database}
              onInput={(e) => setDatabase(e.currentTarget.value)}
              autocomplete="off"
              spellcheck={false}
            />
          </Field>
          <fieldset class="url-list">
            <legend>Discovery URLs</legend>
            <p class="hint">Every node of the destination cluster; the task fails over between them.</p>
            {errors.TopologyDiscoveryUrls && <p class="field-error">{errors.TopologyDiscoveryUrls}</p>}
            {urls.map((url, i) => (
              <div class="url-row" key={i}>
                <Field id={`cs-url-${i}`} label={`URL ${i + 1}`} error={errors[`url${i}`]}>
                  <input
                    {...describedBy(`cs-url-${i}`, errors[`url${i}`])}
                    type="url"
                    value={url}
                    placeholder="http://127.0.0.1:8080"
                    onInput={(e) => {
                      const text = e.currentTarget.value;
                      setUrls((list) => list.map((u, j) => (j === i ? text : u)));
                    }}
                    autocomplete="off"
                    spellcheck={false}
                  />
                </Field>
                <button type="button" class="link-button" onClick={() => setUrls((list) => list.filter((_, j) => j !== i))} aria-label={`Remove URL ${i + 1}`}>
                  Remove
                </button>
              </div>
            ))}
            <button type="button" onClick={() => setUrls((list) => [...list, ''])}>
              Add URL
            </button>
          </fieldset>
        </>
      ) : (
        <>
          <Field id="cs-factory" label="Factory (database provider)" error={errors.FactoryName}>
            <select {...describedBy('cs-factory', errors.FactoryName)} value={factory} onChange={(e) => setFactory(e.currentTarget.value)}>
              {factories.map((f) => (
                <option key={f.name} value={f.name}>
                  {f.label}
                </option>
              ))}
            </select>
          </Field>
          <Field
            id="cs-connection-string"
            label="Connection string"
            error={errors.ConnectionString}
            hint={
              factory
                ? 'ADO.NET style, e.g. Host=127.0.0.1;Port=5432;Database=test;Username=postgres;Password=…'
                : 'A JDBC URL, e.g. jdbc:postgresql://127.0.0.1:5432/test or jdbc:sqlite:/data/reporting.sqlite'
            }
          >
            <div class="secret-input">
              <input
                {...describedBy('cs-connection-string', errors.ConnectionString, true)}
                type={showSecret ? 'text' : 'password'}
                value={connection}
                onInput={(e) => setConnection(e.currentTarget.value)}
                autocomplete="off"
                spellcheck={false}
              />
              <label class="checkbox">
                <input type="checkbox" checked={showSecret} onChange={(e) => setShowSecret(e.currentTarget.checked)} /> Show
              </label>
            </div>
          </Field>
          {connection.includes(SERVER_MASK) && (
            <p class="hint">
              The stored password shows as {SERVER_MASK}; saving keeps it. To test the connection, type the password in its place.
            </p>
          )}
          <div class="actions">
            <BusyButton onClick={testConnection} busy={test.busy} busyText="Testing connection">
              Test connection
            </BusyButton>
          </div>
          {test.error && <Message kind="error">Could not test the connection: {test.error}</Message>}
          {testResult &&
            (testResult.Success ? (
              <Message kind="success">Connection successful.</Message>
            ) : (
              <Message kind="error">
                Connection failed: <span class="server-message">{testResult.Error ?? 'no reason given'}</span>
              </Message>
            ))}
        </>
      )}
      {save.error && <Message kind="error">Could not save: {save.error}</Message>}
      <div class="actions">
        <BusyButton type="submit" class="primary" busy={save.busy} busyText="Saving">
          Save
        </BusyButton>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
