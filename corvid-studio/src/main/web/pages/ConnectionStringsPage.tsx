import { useState } from 'preact/hooks';
import { api } from '../api/client';
import type { ConnectionString } from '../api/types';
import { useLoad } from '../app/hooks';
import { Loading } from '../components/Busy';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { Message } from '../components/Message';
import { factoryLabel, maskConnectionString } from '../logic/connectionStrings';
import { ConnectionStringForm } from './ConnectionStringForm';

type Editing = { mode: 'new' } | { mode: 'edit'; connectionString: ConnectionString };

/** Settings → Connection Strings: RavenDB and SQL destinations that ETL tasks refer to by name. */
export function ConnectionStringsPage({ db }: { db: string }) {
  const list = useLoad(() => api.connectionStrings(db), [db]);
  const [editing, setEditing] = useState<Editing>();
  const [toDelete, setToDelete] = useState<ConnectionString>();
  const [notice, setNotice] = useState<string>();
  const raven = Object.values(list.data?.RavenConnectionStrings ?? {});
  const sql = Object.values(list.data?.SqlConnectionStrings ?? {});

  return (
    <section>
      <div class="page-title">
        <h1>Connection Strings</h1>
        {!editing && (
          <button type="button" class="primary" onClick={() => setEditing({ mode: 'new' })}>
            Add connection string
          </button>
        )}
      </div>
      <p class="lead">Where ETL tasks send data: another RavenDB-compatible database, or a relational database.</p>
      {notice && (
        <Message kind="success" onDismiss={() => setNotice(undefined)}>
          {notice}
        </Message>
      )}
      {editing && (
        <ConnectionStringForm
          key={editing.mode === 'edit' ? editing.connectionString.Name : 'new'}
          db={db}
          existing={editing.mode === 'edit' ? editing.connectionString : undefined}
          onSaved={(name) => {
            setEditing(undefined);
            setNotice(`Connection string '${name}' saved.`);
            void list.reload();
          }}
          onCancel={() => setEditing(undefined)}
        />
      )}
      {list.error && <Message kind="error">Could not load the connection strings: {list.error}</Message>}
      {!list.data && list.loading && <Loading what="Loading connection strings" />}
      {list.data && (
        <>
          <h2>RavenDB</h2>
          {raven.length === 0 ? (
            <p class="empty">No RavenDB connection strings.</p>
          ) : (
            <div class="table-wrap">
              <table class="list">
                <thead>
                  <tr>
                    <th scope="col">Name</th>
                    <th scope="col">Database</th>
                    <th scope="col">Discovery URLs</th>
                    <th scope="col">
                      <span class="visually-hidden">Actions</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {raven.map((cs) => (
                    <tr key={cs.Name} data-connection-string={cs.Name}>
                      <th scope="row">{cs.Name}</th>
                      <td>{cs.Database}</td>
                      <td>
                        {cs.TopologyDiscoveryUrls.map((u) => (
                          <div key={u} class="url">
                            {u}
                          </div>
                        ))}
                      </td>
                      <Actions onEdit={() => setEditing({ mode: 'edit', connectionString: cs })} onDelete={() => setToDelete(cs)} name={cs.Name} />
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <h2>SQL</h2>
          {sql.length === 0 ? (
            <p class="empty">No SQL connection strings.</p>
          ) : (
            <div class="table-wrap">
              <table class="list">
                <thead>
                  <tr>
                    <th scope="col">Name</th>
                    <th scope="col">Provider</th>
                    <th scope="col">Connection string</th>
                    <th scope="col">
                      <span class="visually-hidden">Actions</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {sql.map((cs) => (
                    <tr key={cs.Name} data-connection-string={cs.Name}>
                      <th scope="row">{cs.Name}</th>
                      <td>{factoryLabel(cs.FactoryName)}</td>
                      <td>
                        <code class="connection-string">{maskConnectionString(cs.ConnectionString)}</code>
                      </td>
                      <Actions onEdit={() => setEditing({ mode: 'edit', connectionString: cs })} onDelete={() => setToDelete(cs)} name={cs.Name} />
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      )}
      {toDelete && (
        <ConfirmDialog
          title={`Delete connection string '${toDelete.Name}'?`}
          confirmText="Delete"
          busyText="Deleting"
          danger
          onConfirm={async () => {
            await api.deleteConnectionString(db, toDelete.Name, toDelete.Type);
            setNotice(`Connection string '${toDelete.Name}' deleted.`);
            await list.reload();
          }}
          onClose={() => setToDelete(undefined)}
        >
          <p>Tasks cannot use it afterwards. A connection string that a task uses cannot be deleted.</p>
        </ConfirmDialog>
      )}
    </section>
  );
}

function Actions({ name, onEdit, onDelete }: { name: string; onEdit: () => void; onDelete: () => void }) {
  return (
    <td class="row-actions">
      <button type="button" onClick={onEdit} aria-label={`Edit connection string ${name}`}>
        Edit
      </button>
      <button type="button" class="danger-outline" onClick={onDelete} aria-label={`Delete connection string ${name}`}>
        Delete
      </button>
    </td>
  );
}
