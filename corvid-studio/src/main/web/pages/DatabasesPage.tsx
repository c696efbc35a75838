import { useState } from 'preact/hooks';
import { api } from '../api/client';
import type { DatabaseInfo } from '../api/types';
import { useAction, useLoad } from '../app/hooks';
import { paths } from '../app/router';
import { BusyButton, Loading } from '../components/Busy';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { describedBy, Field } from '../components/Field';
import { Message } from '../components/Message';
import { formatNumber } from '../logic/format';

/** Databases: every database with its document count and size; create and delete. */
export function DatabasesPage() {
  const databases = useLoad(() => api.databases(), []);
  const [toDelete, setToDelete] = useState<DatabaseInfo>();
  const [notice, setNotice] = useState<string>();

  return (
    <section>
      <h1>Databases</h1>
      <CreateDatabase
        onCreated={(name) => {
          setNotice(`Database '${name}' created.`);
          void databases.reload();
        }}
      />
      {notice && (
        <Message kind="success" onDismiss={() => setNotice(undefined)}>
          {notice}
        </Message>
      )}
      {databases.error && <Message kind="error">Could not list the databases: {databases.error}</Message>}
      {!databases.data && databases.loading && <Loading what="Loading databases" />}
      {databases.data && databases.data.length === 0 && <p class="empty">No databases yet. Create one above.</p>}
      {databases.data && databases.data.length > 0 && (
        <div class="table-wrap">
          <table class="list databases-table">
            <caption class="visually-hidden">Databases</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col" class="number">Documents</th>
                <th scope="col" class="number">Size</th>
                <th scope="col">
                  <span class="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {databases.data.map((db) => (
                <tr key={db.Name} data-database={db.Name}>
                  <th scope="row">
                    <a href={paths.documents(db.Name)}>{db.Name}</a>
                  </th>
                  <td class="number">{formatNumber(db.DocumentsCount)}</td>
                  <td class="number">{db.TotalSize?.HumaneSize ?? '–'}</td>
                  <td class="row-actions">
                    <a class="button" href={paths.ongoingTasks(db.Name)}>
                      Tasks
                    </a>
                    <button type="button" class="danger-outline" onClick={() => setToDelete(db)} aria-label={`Delete database ${db.Name}`}>
                      Delete
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {toDelete && (
        <ConfirmDialog
          title={`Delete database '${toDelete.Name}'?`}
          confirmText="Delete"
          busyText="Deleting"
          danger
          onConfirm={async () => {
            await api.deleteDatabase(toDelete.Name);
            setNotice(`Database '${toDelete.Name}' deleted.`);
            await databases.reload();
          }}
          onClose={() => setToDelete(undefined)}
        >
          <p>
            Its {formatNumber(toDelete.DocumentsCount)} documents, attachments, connection strings and ongoing tasks are removed from
            disk. This cannot be undone.
          </p>
        </ConfirmDialog>
      )}
    </section>
  );
}

function CreateDatabase({ onCreated }: { onCreated: (name: string) => void }) {
  const [name, setName] = useState('');
  const [invalid, setInvalid] = useState<string>();
  const action = useAction();

  const submit = async (e: Event) => {
    e.preventDefault();
    const trimmed = name.trim();
    if (!trimmed) {
      setInvalid('Give the database a name, such as helpdesk.');
      return;
    }
    setInvalid(undefined);
    if (await action.run(() => api.createDatabase(trimmed))) {
      setName('');
      onCreated(trimmed);
    }
  };

  return (
    <form class="card inline-form" onSubmit={submit} aria-label="New database">
      <Field id="new-database-name" label="New database name" error={invalid}>
        <input
          {...describedBy('new-database-name', invalid)}
          value={name}
          onInput={(e) => setName(e.currentTarget.value)}
          autocomplete="off"
          spellcheck={false}
          placeholder="e.g. helpdesk"
        />
      </Field>
      <BusyButton type="submit" class="primary" busy={action.busy} busyText="Creating">
        Create database
      </BusyButton>
      {action.error && <Message kind="error">{action.error}</Message>}
    </form>
  );
}
