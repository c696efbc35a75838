// Client-side routes under /studio. The server answers every /studio/... path with index.html,
// so these URLs can be bookmarked and reloaded.

import { useEffect, useState } from 'preact/hooks';
import type { EtlType } from '../api/types';

export const BASE = '/studio';

export type Route =
  | { page: 'databases' }
  | { page: 'documents'; db: string; collection?: string; start: number }
  | { page: 'document'; db: string; id?: string; collection?: string }
  | { page: 'connection-strings'; db: string }
  | { page: 'ongoing-tasks'; db: string }
  | { page: 'etl-task'; db: string; etlType: EtlType; taskId?: number }
  | { page: 'task-details'; db: string; name: string }
  | { page: 'not-found'; path: string };

const enc = encodeURIComponent;

function query(params: Record<string, string | number | undefined>): string {
  const parts = Object.entries(params)
    .filter(([, v]) => v !== undefined && v !== '')
    .map(([k, v]) => `${k}=${enc(String(v))}`);
  return parts.length ? `?${parts.join('&')}` : '';
}

/** Links to every page. */
export const paths = {
  databases: () => `${BASE}/`,
  documents: (db: string, collection?: string, start = 0) =>
    `${BASE}/databases/${enc(db)}/documents${query({ collection, start: start || undefined })}`,
  document: (db: string, id: string) => `${BASE}/databases/${enc(db)}/documents/edit${query({ id })}`,
  newDocument: (db: string, collection?: string) => `${BASE}/databases/${enc(db)}/documents/new${query({ collection })}`,
  connectionStrings: (db: string) => `${BASE}/databases/${enc(db)}/settings/connection-strings`,
  ongoingTasks: (db: string) => `${BASE}/databases/${enc(db)}/settings/ongoing-tasks`,
  etlTask: (db: string, etlType: EtlType, taskId?: number) =>
    `${BASE}/databases/${enc(db)}/settings/ongoing-tasks/${etlType === 'Sql' ? 'sql-etl' : 'raven-etl'}${query({ id: taskId })}`,
  taskDetails: (db: string, name: string) => `${BASE}/databases/${enc(db)}/settings/ongoing-tasks/details${query({ name })}`,
};

export function parseRoute(pathname: string, search: string): Route {
  const params = new URLSearchParams(search);
  let path = pathname.startsWith(BASE) ? pathname.slice(BASE.length) : pathname;
  path = path.replace(/\/+$/, '');
  if (path === '' || path === '/index.html' || path === '/databases') {
    return { page: 'databases' };
  }
  const match = /^\/databases\/([^/]+)(\/.*)?$/.exec(path);
  if (!match) {
    return { page: 'not-found', path: pathname };
  }
  const db = decodeURIComponent(match[1]);
  const rest = match[2] ?? '';
  const collection = params.get('collection') ?? undefined;
  switch (rest) {
    case '':
    case '/documents':
      return { page: 'documents', db, collection, start: Math.max(0, Number(params.get('start')) || 0) };
    case '/documents/edit':
      return { page: 'document', db, id: params.get('id') ?? undefined };
    case '/documents/new':
      return { page: 'document', db, collection };
    case '/settings':
    case '/settings/ongoing-tasks':
      return { page: 'ongoing-tasks', db };
    case '/settings/connection-strings':
      return { page: 'connection-strings', db };
    case '/settings/ongoing-tasks/raven-etl':
    case '/settings/ongoing-tasks/sql-etl': {
      const id = params.get('id');
      return { page: 'etl-task', db, etlType: rest.endsWith('sql-etl') ? 'Sql' : 'Raven', taskId: id ? Number(id) : undefined };
    }
    case '/settings/ongoing-tasks/details':
      return { page: 'task-details', db, name: params.get('name') ?? '' };
    default:
      return { page: 'not-found', path: pathname };
  }
}

const NAVIGATE = 'studio:navigate';

export function navigate(href: string, replace = false) {
  if (replace) {
    history.replaceState(null, '', href);
  } else {
    history.pushState(null, '', href);
  }
  window.dispatchEvent(new Event(NAVIGATE));
  window.scrollTo?.(0, 0);
}

export function currentRoute(): Route {
  return parseRoute(location.pathname, location.search);
}

/** The current route; re-renders on navigation and on back/forward. */
export function useRoute(): Route {
  const [route, setRoute] = useState(currentRoute);
  useEffect(() => {
    const update = () => setRoute(currentRoute());
    window.addEventListener('popstate', update);
    window.addEventListener(NAVIGATE, update);
    return () => {
      window.removeEventListener('popstate', update);
      window.removeEventListener(NAVIGATE, update);
    };
  }, []);
  return route;
}

/** Plain links inside the Studio navigate without reloading the page. */
export function interceptLinks(root: HTMLElement | Document = document) {
  root.addEventListener('click', (event) => {
    const e = event as MouseEvent;
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    const anchor = (e.target as Element | null)?.closest?.('a');
    if (!anchor || anchor.target || anchor.hasAttribute('download')) return;
    const url = new URL(anchor.href, location.href);
    if (url.origin !== location.origin || !url.pathname.startsWith(BASE)) return;
    e.preventDefault();
    navigate(url.pathname + url.search);
  });
}

/** The database the route is about, if any. */
export function databaseOf(route: Route): string | undefined {
  return 'db' in route ? route.db : undefined;
}
