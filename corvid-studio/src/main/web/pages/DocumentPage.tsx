import { useEffect, useMemo, useState } from 'preact/hooks';
import { api } from '../api/client';
import type { Document } from '../api/types';
import { useAction, useLoad } from '../app/hooks';
import { navigate, paths } from '../app/router';
import { BusyButton, Loading } from '../components/Busy';
import { CodeEditor } from '../components/CodeEditor';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { describedBy, Field } from '../components/Field';
import { Message } from '../components/Message';
import { buildDocument, idPrefixFor, parseDocumentText, splitDocument, userMetadata, validateId } from '../logic/documents';
import { formatDate } from '../logic/format';
import { Attachments } from './Attachments';

const pretty = (value: unknown) => JSON.stringify(value, null, 2);

/** One document: view and edit its JSON and metadata, create a new one, delete it; its attachments. */
export function DocumentPage({ db, id, collection }: { db: string; id?: string; collection?: string }) {
  const isNew = id === undefined;
  const loaded = useLoad(() => (isNew ? Promise.resolve(undefined) : api.document(db, id)), [db, id]);
  const collections = useLoad(() => api.collectionStats(db), [db]);

  if (!isNew && loaded.loading && !loaded.data) return <Loading what="Loading the document" />;
  if (loaded.error) return <Message kind="error">Could not load document {id}: {loaded.error}</Message>;
  if (!isNew && !loaded.data) {
    return (
      <section>
        <h1>Document not found</h1>
        <p>
          There is no document <code>{id}</code> in {db}. <a href={paths.documents(db)}>Back to the documents</a>
        </p>
      </section>
    );
  }
  return (
    <DocumentEditor
      db={db}
      id={id}
      document={loaded.data}
      initialCollection={collection ?? ''}
      collections={Object.keys(collections.data?.Collections ?? {})}
      reload={loaded.reload}
    />
  );
}

function DocumentEditor({ db, id, document, initialCollection, collections, reload }: {
  db: string;
  id?: string;
  document?: Document;
  initialCollection: string;
  collections: string[];
  reload: () => Promise<void>;
}) {
  const isNew = id === undefined;
  const parts = useMemo(() => (document ? splitDocument(document) : undefined), [document]);
  const [newId, setNewId] = useState(idPrefixFor(initialCollection));
  const [collection, setCollection] = useState(parts?.metadata['@collection'] ?? initialCollection);
  const [text, setText] = useState(parts ? pretty(parts.body) : '{\n  \n}');
  const [metadataText, setMetadataText] = useState(parts ? pretty(userMetadata(parts.metadata)) : '{}');
  const [idError, setIdError] = useState<string>();
  const [saved, setSaved] = useState<string>();
  const [confirmDelete, setConfirmDelete] = useState(false);
  const save = useAction();

  useEffect(() => {
    if (parts) {
      setText(pretty(parts.body));
      setMetadataText(pretty(userMetadata(parts.metadata)));
      setCollection(parts.metadata['@collection'] ?? '');
    }
  }, [parts]);

  const parsed = parseDocumentText(text);
  const parsedMetadata = parseMetadata(metadataText);

  const submit = async (e: Event) => {
    e.preventDefault();
    setSaved(undefined);
    const targetId = isNew ? newId : id;
    const badId = validateId(targetId);
    setIdError(badId);
    if (badId || !parsed.ok || !parsedMetadata.ok) return;
    const body = buildDocument(parsed.value, collection, parsedMetadata.value);
    const changeVector = document?.['@metadata']['@change-vector'];
    let storedId = targetId;
    const ok = await save.run(async () => {
      storedId = (await api.putDocument(db, targetId, body, isNew ? undefined : changeVector)).Id;
    });
    if (!ok) return;
    if (isNew) {
      navigate(paths.document(db, storedId), true);
    } else {
      setSaved(`Saved ${storedId}.`);
      await reload();
    }
  };

  const metadata = document?.['@metadata'];
  return (
    <section>
      <div class="page-title">
        <h1>{isNew ? 'New document' : <>Document <span class="document-id">{id}</span></>}</h1>
        <a href={paths.documents(db, collection || undefined)}>← {collection || 'All documents'}</a>
      </div>
      <form onSubmit={submit} class="document-form" aria-label={isNew ? 'New document' : `Document ${id}`}>
        <div class="form-row">
          {isNew && (
            <Field id="document-id" label="Document id" error={idError} hint="For example employees/1-A">
              <input
                {...describedBy('document-id', idError, true)}
                value={newId}
                onInput={(e) => setNewId(e.currentTarget.value)}
                autocomplete="off"
                spellcheck={false}
              />
            </Field>
          )}
          <Field id="document-collection" label="Collection" hint="Stored as @collection in the metadata">
            <input
              {...describedBy('document-collection', undefined, true)}
              value={collection}
              list="known-collections"
              onInput={(e) => setCollection(e.currentTarget.value)}
              autocomplete="off"
              spellcheck={false}
            />
            <datalist id="known-collections">
              {collections.map((c) => (
                <option key={c} value={c} />
              ))}
            </datalist>
          </Field>
        </div>
        <div class={`field ${parsed.ok ? '' : 'field-invalid'}`}>
          <label id="document-json-label" for="document-json">
            Document (JSON)
          </label>
          <CodeEditor
            id="document-json"
            label="Document JSON"
            language="json"
            value={text}
            onChange={setText}
            minLines={14}
            invalid={!parsed.ok}
            describedBy={!parsed.ok ? 'document-json-error' : undefined}
          />
          {!parsed.ok && (
            <p class="field-error" id="document-json-error" role="alert">
              {parsed.message}
            </p>
          )}
        </div>
        <details class="metadata" open={!isNew}>
          <summary>Metadata</summary>
          {metadata && (
            <dl class="metadata-list">
              <dt>@change-vector</dt>
              <dd>
                <code>{metadata['@change-vector'] ?? '–'}</code>
              </dd>
              <dt>@last-modified</dt>
              <dd>{formatDate(metadata['@last-modified'])}</dd>
              {metadata['@flags'] && (
                <>
                  <dt>@flags</dt>
                  <dd>{metadata['@flags']}</dd>
                </>
              )}
            </dl>
          )}
          <div class={`field ${parsedMetadata.ok ? '' : 'field-invalid'}`}>
            <label for="document-metadata">Other metadata (JSON)</label>
            <CodeEditor
              id="document-metadata"
              label="Other metadata JSON"
              language="json"
              value={metadataText}
              onChange={setMetadataText}
              minLines={3}
              invalid={!parsedMetadata.ok}
              describedBy={!parsedMetadata.ok ? 'document-metadata-error' : undefined}
            />
            {!parsedMetadata.ok && (
              <p class="field-error" id="document-metadata-error" role="alert">
                {parsedMetadata.message}
              </p>
            )}
          </div>
        </details>
        {save.error && <Message kind="error">Could not save: {save.error}</Message>}
        {saved && (
          <Message kind="success" onDismiss={() => setSaved(undefined)}>
            {saved}
          </Message>
        )}
        <div class="actions">
          <BusyButton type="submit" class="primary" busy={save.busy} busyText="Saving" disabled={!parsed.ok || !parsedMetadata.ok}>
            Save
          </BusyButton>
          {!isNew && (
            <button type="button" class="danger-outline" onClick={() => setConfirmDelete(true)}>
              Delete
            </button>
          )}
        </div>
      </form>
      {!isNew && document && <Attachments db={db} id={id} document={document} onChanged={reload} />}
      {confirmDelete && id && (
        <ConfirmDialog
          title={`Delete document '${id}'?`}
          confirmText="Delete"
          busyText="Deleting"
          danger
          onConfirm={async () => {
            await api.deleteDocument(db, id);
            navigate(paths.documents(db, collection || undefined), true);
          }}
          onClose={() => setConfirmDelete(false)}
        >
          <p>The document and its attachments are deleted. Ongoing tasks send the deletion on to their destinations.</p>
        </ConfirmDialog>
      )}
    </section>
  );
}

function parseMetadata(text: string): { ok: true; value: Record<string, unknown> } | { ok: false; message: string } {
  if (!text.trim()) return { ok: true, value: {} };
  const result = parseDocumentText(text);
  if (!result.ok) return { ok: false, message: result.message.replace('document', 'metadata') };
  return result;
}
