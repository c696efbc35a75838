import { useState } from 'preact/hooks';
import { api } from '../api/client';
import type { Document } from '../api/types';
import { useAction } from '../app/hooks';
import { BusyButton } from '../components/Busy';
import { describedBy, Field } from '../components/Field';
import { Message } from '../components/Message';
import { attachmentsOf } from '../logic/documents';
import { formatBytes } from '../logic/format';

/** The attachments of a document: list with download links, upload, delete. */
export function Attachments({ db, id, document, onChanged }: { db: string; id: string; document: Document; onChanged: () => Promise<void> }) {
  const attachments = attachmentsOf(document);
  const [file, setFile] = useState<File>();
  const [name, setName] = useState('');
  const [notice, setNotice] = useState<string>();
  const upload = useAction();
  const remove = useAction();
  const [inputKey, setInputKey] = useState(0);

  const submit = async (e: Event) => {
    e.preventDefault();
    if (!file) return;
    const attachmentName = name.trim() || file.name;
    if (await upload.run(() => api.putAttachment(db, id, attachmentName, file.type, file))) {
      setNotice(`Uploaded ${attachmentName}.`);
      setFile(undefined);
      setName('');
      setInputKey((k) => k + 1);
      await onChanged();
    }
  };

  return (
    <section class="card attachments" aria-labelledby="attachments-heading">
      <h2 id="attachments-heading">Attachments</h2>
      {attachments.length === 0 ? (
        <p class="empty">No attachments.</p>
      ) : (
        <div class="table-wrap">
          <table class="list">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Content type</th>
                <th scope="col" class="number">
                  Size
                </th>
                <th scope="col">
                  <span class="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {attachments.map((a) => (
                <tr key={a.Name}>
                  <th scope="row">{a.Name}</th>
                  <td>{a.ContentType || '–'}</td>
                  <td class="number">{formatBytes(a.Size)}</td>
                  <td class="row-actions">
                    <a class="button" href={api.attachmentUrl(db, id, a.Name)} download={a.Name}>
                      Download
                    </a>
                    <BusyButton
                      class="danger-outline"
                      busy={remove.busy}
                      busyText="Deleting"
                      aria-label={`Delete attachment ${a.Name}`}
                      onClick={async () => {
                        if (await remove.run(() => api.deleteAttachment(db, id, a.Name))) {
                          setNotice(`Deleted ${a.Name}.`);
                          await onChanged();
                        }
                      }}
                    >
                      Delete
                    </BusyButton>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <form class="inline-form" onSubmit={submit} aria-label="Upload an attachment">
        <Field id="attachment-file" label="File to attach">
          <input
            key={inputKey}
            {...describedBy('attachment-file')}
            type="file"
            onChange={(e) => {
              const chosen = e.currentTarget.files?.[0];
              setFile(chosen);
              if (chosen && !name) setName(chosen.name);
            }}
          />
        </Field>
        <Field id="attachment-name" label="Attachment name">
          <input {...describedBy('attachment-name')} value={name} onInput={(e) => setName(e.currentTarget.value)} autocomplete="off" />
        </Field>
        <BusyButton type="submit" busy={upload.busy} busyText="Uploading" disabled={!file}>
          Upload
        </BusyButton>
      </form>
      {upload.error && <Message kind="error">Could not upload: {upload.error}</Message>}
      {remove.error && <Message kind="error">Could not delete: {remove.error}</Message>}
      {notice && (
        <Message kind="success" onDismiss={() => setNotice(undefined)}>
          {notice}
        </Message>
      )}
    </section>
  );
}
