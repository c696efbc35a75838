import { describe, expect, it } from 'vitest';
import { ApiError, CorvidApi, errorMessage, rqlString } from '../../main/web/api/client';

type Call = { url: string; init?: RequestInit };

function fakeServer(respond: (call: Call) => Response) {
  const calls: Call[] = [];
  const api = new CorvidApi(async (url, init) => {
    const call = { url, init };
    calls.push(call);
    return respond(call);
  });
  return { api, calls };
}

const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

describe('CorvidApi', () => {
  it('turns RavenDB error JSON into an ApiError with the server message', async () => {
    const { api } = fakeServer(() => json(400, { Type: 'BadRequest', Message: "Connection string named 'x' was not found for Raven ETL" }));
    const failure = await api.tasks('shop').catch((e) => e);
    expect(failure).toBeInstanceOf(ApiError);
    expect(failure.status).toBe(400);
    expect(errorMessage(failure)).toBe("Connection string named 'x' was not found for Raven ETL");
  });

  it('reports a non-JSON failure with its status and text', async () => {
    const { api } = fakeServer(() => new Response('upstream gone', { status: 502, statusText: 'Bad Gateway' }));
    await expect(api.databases()).rejects.toThrow('The server answered 502 Bad Gateway: upstream gone');
  });

  it('pages a collection with an RQL query whose name is quoted and values are parameters', async () => {
    const { api, calls } = fakeServer(() => json(200, { Results: [], TotalResults: 120 }));
    const page = await api.collectionDocuments('shop', "O'Reilly", 50, 25);
    expect(page.total).toBe(120);
    expect(calls[0].url).toBe('/databases/shop/queries');
    expect(calls[0].init?.method).toBe('POST');
    expect(JSON.parse(String(calls[0].init?.body))).toEqual({
      Query: "from 'O\\'Reilly' limit $offset, $count",
      QueryParameters: { offset: 50, count: 25 },
    });
  });

  it('answers undefined for a missing document instead of failing', async () => {
    const { api, calls } = fakeServer(() => new Response(null, { status: 404 }));
    expect(await api.document('my db', 'employees/1-A')).toBeUndefined();
    expect(calls[0].url).toBe('/databases/my%20db/docs?id=employees%2F1-A');
  });

  it('updates an ETL task by id and names the scripts to reset', async () => {
    const { api, calls } = fakeServer(() => json(200, { TaskId: 7, RaftCommandIndex: 1 }));
    await api.putEtl('shop', { Name: 't', ConnectionStringName: 'cs', EtlType: 'Raven', Transforms: [] }, 7, ['Script A']);
    expect(calls[0].url).toBe('/databases/shop/admin/etl?id=7&reset=Script%20A');
    expect(calls[0].init?.method).toBe('PUT');
  });

  it('resets a script with the RESET verb and sends connection strings as text to test them', async () => {
    const { api, calls } = fakeServer(() => json(200, { Success: false, Error: 'password authentication failed' }));
    await api.resetEtl('shop', 'Orders to SQL', 'orders');
    const result = await api.testSqlConnection('shop', 'Npgsql', 'Host=127.0.0.1;Password=x');
    expect(calls[0].init?.method).toBe('RESET');
    expect(calls[0].url).toBe('/databases/shop/admin/etl?configurationName=Orders%20to%20SQL&transformationName=orders');
    expect(calls[1].url).toBe('/databases/shop/admin/etl/sql/test-connection?factoryName=Npgsql');
    expect(calls[1].init?.body).toBe('Host=127.0.0.1;Password=x');
    expect(result).toEqual({ Success: false, Error: 'password authentication failed' });
    await api.testSqlConnection('shop', 'Npgsql', 'Host=127.0.0.1;Password=*****', 'pg main');
    expect(calls[2].url).toBe('/databases/shop/admin/etl/sql/test-connection?factoryName=Npgsql&connectionStringName=pg%20main');
  });

  it('counts requests in flight for the activity bar', async () => {
    let release: () => void = () => {};
    const api = new CorvidApi(() => new Promise((resolve) => (release = () => resolve(json(200, { Databases: [] })))));
    const seen: number[] = [];
    api.onActivity((n) => seen.push(n));
    const pending = api.databases();
    release();
    await pending;
    expect(seen).toEqual([1, 0]);
  });

  it('explains a network failure', () => {
    expect(errorMessage(new TypeError('Failed to fetch'))).toContain('Cannot reach the Corvid server');
  });

  it('escapes RQL strings', () => {
    expect(rqlString('a\\b')).toBe("'a\\\\b'");
  });
});
