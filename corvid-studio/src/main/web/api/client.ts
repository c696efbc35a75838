// The one place that talks HTTP: a small typed client for the endpoints the Studio uses.
// Every failure becomes an ApiError carrying the server's own message (RavenDB error JSON `Message`).

import type {
  CollectionStats,
  ConnectionString,
  ConnectionStrings,
  DatabaseInfo,
  Document,
  EtlConfiguration,
  EtlError,
  OngoingTask,
  OngoingTasks,
  Page,
  ProcessDebugStats,
  ProcessPerformance,
  RavenTestResult,
  SqlTestConnectionResult,
  SqlTestResult,
  TaskProgress,
  TaskType,
} from './types';

export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly method: string,
    readonly url: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** Error text for any thrown value, for showing to a person. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) {
    return error.message;
  }
  if (error instanceof Error) {
    return error.message.startsWith('Failed to fetch') || error.name === 'TypeError'
      ? `Cannot reach the Corvid server (${error.message}). Is it running?`
      : error.message;
  }
  return String(error);
}

type Fetch = (input: string, init?: RequestInit) => Promise<Response>;

/** Counts requests in flight, so the page can show that something is going on. */
export type ActivityListener = (inFlight: number) => void;

const q = encodeURIComponent;

/** RQL string literal: quotes and backslashes escaped. */
export function rqlString(text: string): string {
  return `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

export class CorvidApi {
  private inFlight = 0;
  private readonly listeners = new Set<ActivityListener>();

  constructor(
    private readonly fetchImpl: Fetch = (input, init) => fetch(input, init),
    private readonly baseUrl = '',
  ) {}

  onActivity(listener: ActivityListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private activity(delta: number) {
    this.inFlight += delta;
    this.listeners.forEach((l) => l(this.inFlight));
  }

  /** Sends a request; resolves to the response when its status is 2xx or one of `allow`. */
  async send(method: string, path: string, body?: BodyInit | object, allow: number[] = [], headers: Record<string, string> = {}): Promise<Response> {
    const url = this.baseUrl + path;
    const init: RequestInit = { method, headers: { ...headers } };
    if (body !== undefined) {
      if (typeof body === 'string' || body instanceof Blob || body instanceof ArrayBuffer) {
        init.body = body;
      } else {
        init.body = JSON.stringify(body);
        (init.headers as Record<string, string>)['Content-Type'] = 'application/json; charset=utf-8';
      }
    }
    this.activity(+1);
    try {
      const response = await this.fetchImpl(url, init);
      if (!response.ok && !allow.includes(response.status)) {
        throw new ApiError(await failureText(response), response.status, method, path);
      }
      return response;
    } finally {
      this.activity(-1);
    }
  }

  private async json<T>(method: string, path: string, body?: BodyInit | object): Promise<T> {
    const response = await this.send(method, path, body);
    const text = await response.text();
    return (text ? JSON.parse(text) : {}) as T;
  }

  private db(database: string, path: string): string {
    return `/databases/${q(database)}${path}`;
  }

  // ---- databases

  async databases(): Promise<DatabaseInfo[]> {
    return (await this.json<{ Databases: DatabaseInfo[] }>('GET', '/databases')).Databases;
  }

  async createDatabase(name: string): Promise<void> {
    await this.send('PUT', `/admin/databases?name=${q(name)}`, { DatabaseName: name });
  }

  async deleteDatabase(name: string): Promise<void> {
    await this.send('DELETE', '/admin/databases', { DatabaseNames: [name], HardDelete: true });
  }

  // ---- documents

  collectionStats(database: string): Promise<CollectionStats> {
    return this.json('GET', this.db(database, '/collections/stats'));
  }

  /** All documents in id order, optionally those whose id starts with a prefix. */
  async documents(database: string, start: number, pageSize: number, startsWith = ''): Promise<Page<Document>> {
    const prefix = startsWith ? `&startsWith=${q(startsWith)}` : '';
    const page = await this.json<{ Results: Document[] }>('GET', this.db(database, `/docs?start=${start}&pageSize=${pageSize}${prefix}`));
    return { results: page.Results };
  }

  async collectionDocuments(database: string, collection: string, start: number, pageSize: number): Promise<Page<Document>> {
    const result = await this.json<{ Results: Document[]; TotalResults: number }>('POST', this.db(database, '/queries'), {
      Query: `from ${rqlString(collection)} limit $offset, $count`,
      QueryParameters: { offset: start, count: pageSize },
    });
    return { results: result.Results, total: result.TotalResults };
  }

  /** The document, or undefined when there is none with that id. */
  async document(database: string, id: string): Promise<Document | undefined> {
    const response = await this.send('GET', this.db(database, `/docs?id=${q(id)}`), undefined, [404]);
    if (response.status === 404) {
      return undefined;
    }
    const body = (await response.json()) as { Results: (Document | null)[] };
    return body.Results[0] ?? undefined;
  }

  async putDocument(database: string, id: string, document: Document, changeVector?: string): Promise<{ Id: string; ChangeVector: string }> {
    const headers: Record<string, string> = changeVector ? { 'If-Match': `"${changeVector}"` } : {};
    const response = await this.send('PUT', this.db(database, `/docs?id=${q(id)}`), JSON.stringify(document), [], {
      ...headers,
      'Content-Type': 'application/json; charset=utf-8',
    });
    return response.json();
  }

  async deleteDocument(database: string, id: string): Promise<void> {
    await this.send('DELETE', this.db(database, `/docs?id=${q(id)}`));
  }

  attachmentUrl(database: string, id: string, name: string): string {
    return this.baseUrl + this.db(database, `/attachments?id=${q(id)}&name=${q(name)}`);
  }

  async putAttachment(database: string, id: string, name: string, contentType: string, content: Blob): Promise<void> {
    const type = contentType || 'application/octet-stream';
    await this.send('PUT', this.db(database, `/attachments?id=${q(id)}&name=${q(name)}&contentType=${q(type)}`), content, [], {
      'Content-Type': type,
    });
  }

  async deleteAttachment(database: string, id: string, name: string): Promise<void> {
    await this.send('DELETE', this.db(database, `/attachments?id=${q(id)}&name=${q(name)}`));
  }

  // ---- connection strings

  connectionStrings(database: string): Promise<ConnectionStrings> {
    return this.json('GET', this.db(database, '/admin/connection-strings'));
  }

  async putConnectionString(database: string, connectionString: ConnectionString): Promise<void> {
    await this.send('PUT', this.db(database, '/admin/connection-strings'), connectionString);
  }

  async deleteConnectionString(database: string, name: string, type: 'Raven' | 'Sql'): Promise<void> {
    await this.send('DELETE', this.db(database, `/admin/connection-strings?connectionString=${q(name)}&type=${type}`));
  }

  /** With {@code storedName}, a masked password in {@code connectionString} stands for that stored connection string's password. */
  testSqlConnection(database: string, factoryName: string, connectionString: string, storedName?: string): Promise<SqlTestConnectionResult> {
    const stored = storedName ? `&connectionStringName=${q(storedName)}` : '';
    return this.json('POST', this.db(database, `/admin/etl/sql/test-connection?factoryName=${q(factoryName)}${stored}`), connectionString);
  }

  // ---- ongoing tasks

  async tasks(database: string): Promise<OngoingTask[]> {
    return (await this.json<OngoingTasks>('GET', this.db(database, '/tasks'))).OngoingTasksList;
  }

  async task(database: string, taskId: number, type: TaskType): Promise<OngoingTask | undefined> {
    const response = await this.send('GET', this.db(database, `/task?key=${taskId}&type=${type}`), undefined, [404]);
    return response.status === 404 ? undefined : response.json();
  }

  /** Adds a task (no id) or replaces one; `reset` names scripts to run again from the start. */
  putEtl(database: string, configuration: EtlConfiguration, taskId?: number, reset: string[] = []): Promise<{ TaskId: number }> {
    const params = [taskId === undefined ? '' : `id=${taskId}`, ...reset.map((name) => `reset=${q(name)}`)].filter(Boolean);
    return this.json('PUT', this.db(database, `/admin/etl${params.length ? '?' + params.join('&') : ''}`), configuration);
  }

  async setTaskDisabled(database: string, taskId: number, type: TaskType, disabled: boolean): Promise<void> {
    await this.send('POST', this.db(database, `/admin/tasks/state?key=${taskId}&type=${type}&disable=${disabled}`));
  }

  async resetEtl(database: string, taskName: string, scriptName: string): Promise<void> {
    await this.send('RESET', this.db(database, `/admin/etl?configurationName=${q(taskName)}&transformationName=${q(scriptName)}`));
  }

  async deleteTask(database: string, taskId: number, type: TaskType): Promise<void> {
    await this.send('DELETE', this.db(database, `/admin/tasks?id=${taskId}&type=${type}`));
  }

  testRavenScript(database: string, body: { DocumentId: string; IsDelete: boolean; Configuration: EtlConfiguration }): Promise<RavenTestResult> {
    return this.json('POST', this.db(database, '/admin/etl/raven/test'), body);
  }

  testSqlScript(
    database: string,
    body: { DocumentId: string; IsDelete: boolean; PerformRolledBackTransaction: boolean; Configuration: EtlConfiguration },
  ): Promise<SqlTestResult> {
    return this.json('POST', this.db(database, '/admin/etl/sql/test'), body);
  }

  // ---- task statistics

  async etlProgress(database: string, taskName: string): Promise<TaskProgress | undefined> {
    const body = await this.json<{ Results: TaskProgress[] }>('GET', this.db(database, `/etl/progress?name=${q(taskName)}`));
    return body.Results[0];
  }

  async etlPerformance(database: string, taskName: string): Promise<ProcessPerformance[]> {
    return (await this.json<{ Results: ProcessPerformance[] }>('GET', this.db(database, `/etl/performance?name=${q(taskName)}`))).Results;
  }

  async etlDebugStats(database: string, taskName: string): Promise<ProcessDebugStats[]> {
    return (await this.json<{ Results: ProcessDebugStats[] }>('GET', this.db(database, `/etl/debug/stats?name=${q(taskName)}`))).Results;
  }

  async etlErrors(database: string, taskName: string): Promise<EtlError[]> {
    return (await this.json<{ Results: EtlError[] }>('GET', this.db(database, `/etl/errors?name=${q(taskName)}`))).Results;
  }
}

async function failureText(response: Response): Promise<string> {
  const text = await response.text().catch(() => '');
  try {
    const json = JSON.parse(text) as { Message?: string; Error?: string };
    if (json.Message) {
      return json.Message;
    }
    if (json.Error) {
      return json.Error;
    }
  } catch {
    // not JSON: fall through to the text
  }
  const reason = text.trim().slice(0, 300);
  return `The server answered ${response.status}${response.statusText ? ' ' + response.statusText : ''}${reason ? ': ' + reason : ''}`;
}

/** The client every page uses. */
export const api = new CorvidApi();
