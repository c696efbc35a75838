import { api } from '../api/client';
import type { Document } from '../api/types';
import { useLoad } from '../app/hooks';
import { paths } from '../app/router';
import { Loading } from '../components/Busy';
import { Message } from '../components/Message';
import { documentPreview } from '../logic/documents';
import { formatDate, formatNumber } from '../logic/format';

export const PAGE_SIZE = 50;

/** Documents: the collections with their counts, and one page of documents of the chosen one. */
export function DocumentsPage({ db, collection, start }: { db: string; collection?: string; start: number }) {
  const stats = useLoad(() => api.collectionStats(db), [db]);
  const page = useLoad(
    () => (collection ? api.collectionDocuments(db, collection, start, PAGE_SIZE) : api.documents(db, start, PAGE_SIZE)),
    [db, collection, start],
  );
  const collections = Object.entries(stats.data?.Collections ?? {}).sort(([a], [b]) => a.localeCompare(b));
  const total = collection ? page.data?.total ?? stats.data?.Collections[collection] : stats.data?.CountOfDocuments;
  const shown = page.data?.results.length ?? 0;

  return (
    <section>
      <div class="page-title">
        <h1>Documents</h1>
        <a class="button primary" href={paths.newDocument(db, collection)}>
          New document
        </a>
      </div>
      {stats.error && <Message kind="error">{stats.error}</Message>}
      <div class="documents-layout">
        <nav class="collections" aria-label="Collections">
          <h2 class="small-heading">Collections</h2>
          {!stats.data && stats.loading && <Loading what="Loading collections" />}
          <ul>
            <li>
              <a href={paths.documents(db)} aria-current={!collection ? 'page' : undefined} class={!collection ? 'nav-current' : undefined}>
                <span>All documents</span>
                <span class="count">{formatNumber(stats.data?.CountOfDocuments)}</span>
              </a>
            </li>
            {collections.map(([name, count]) => (
              <li key={name}>
                <a
                  href={paths.documents(db, name)}
                  aria-current={collection === name ? 'page' : undefined}
                  class={collection === name ? 'nav-current' : undefined}
                >
                  <span>{name}</span>
                  <span class="count">{formatNumber(count)}</span>
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <div class="documents-list">
          <h2 class="small-heading">{collection ?? 'All documents'}</h2>
          {page.error && <Message kind="error">Could not load the documents: {page.error}</Message>}
          {!page.data && page.loading && <Loading what="Loading documents" />}
          {page.data && shown === 0 && <p class="empty">{start > 0 ? 'No more documents.' : 'No documents here yet.'}</p>}
          {page.data && shown > 0 && <DocumentTable db={db} documents={page.data.results} />}
          <Pager db={db} collection={collection} start={start} shown={shown} total={total} />
        </div>
      </div>
    </section>
  );
}

function DocumentTable({ db, documents }: { db: string; documents: Document[] }) {
  return (
    <div class="table-wrap">
      <table class="list documents-table">
        <thead>
          <tr>
            <th scope="col">Id</th>
            <th scope="col" class="hide-narrow">
              Collection
            </th>
            <th scope="col">Content</th>
            <th scope="col" class="hide-narrow">
              Last modified
            </th>
          </tr>
        </thead>
        <tbody>
          {documents.map((doc) => {
            const metadata = doc['@metadata'];
            const id = String(metadata['@id'] ?? '');
            return (
              <tr key={id} data-document-id={id}>
                <th scope="row">
                  <a href={paths.document(db, id)}>{id}</a>
                </th>
                <td class="hide-narrow">{metadata['@collection'] ?? '–'}</td>
                <td class="preview">{documentPreview(doc)}</td>
                <td class="hide-narrow nowrap">{formatDate(metadata['@last-modified'])}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function Pager({ db, collection, start, shown, total }: { db: string; collection?: string; start: number; shown: number; total?: number }) {
  const hasPrevious = start > 0;
  const hasNext = total !== undefined ? start + shown < total : shown === PAGE_SIZE;
  if (!hasPrevious && !hasNext && shown === 0) return null;
  return (
    <nav class="pager" aria-label="Pages">
      {hasPrevious ? <a href={paths.documents(db, collection, Math.max(0, start - PAGE_SIZE))}>← Previous</a> : <span />}
      <span class="muted">
        {shown > 0 ? `${formatNumber(start + 1)}–${formatNumber(start + shown)}` : ''}
        {total !== undefined ? ` of ${formatNumber(total)}` : ''}
      </span>
      {hasNext ? <a href={paths.documents(db, collection, start + PAGE_SIZE)}>Next →</a> : <span />}
    </nav>
  );
}
