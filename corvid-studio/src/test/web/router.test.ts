import { describe, expect, it } from 'vitest';
import { parseRoute, paths } from '../../main/web/app/router';

const route = (href: string) => {
  const url = new URL(href, 'http://studio.test');
  return parseRoute(url.pathname, url.search);
};

describe('Studio routes', () => {
  it('reads back every link it makes', () => {
    expect(route(paths.databases())).toEqual({ page: 'databases' });
    expect(route(paths.documents('my db', 'Orders', 50))).toEqual({ page: 'documents', db: 'my db', collection: 'Orders', start: 50 });
    expect(route(paths.document('shop', 'orders/1-A'))).toEqual({ page: 'document', db: 'shop', id: 'orders/1-A' });
    expect(route(paths.newDocument('shop', 'Orders'))).toEqual({ page: 'document', db: 'shop', collection: 'Orders' });
    expect(route(paths.connectionStrings('shop'))).toEqual({ page: 'connection-strings', db: 'shop' });
    expect(route(paths.ongoingTasks('shop'))).toEqual({ page: 'ongoing-tasks', db: 'shop' });
    expect(route(paths.etlTask('shop', 'Sql', 7))).toEqual({ page: 'etl-task', db: 'shop', etlType: 'Sql', taskId: 7 });
    expect(route(paths.etlTask('shop', 'Raven'))).toEqual({ page: 'etl-task', db: 'shop', etlType: 'Raven', taskId: undefined });
    expect(route(paths.taskDetails('shop', 'Employees to Helpdesk'))).toEqual({ page: 'task-details', db: 'shop', name: 'Employees to Helpdesk' });
  });

  it('treats the root and unknown paths sensibly', () => {
    expect(route('/studio')).toEqual({ page: 'databases' });
    expect(route('/studio/index.html')).toEqual({ page: 'databases' });
    expect(route('/studio/databases/shop')).toMatchObject({ page: 'documents', db: 'shop' });
    expect(route('/studio/nowhere')).toEqual({ page: 'not-found', path: '/studio/nowhere' });
  });
});
