import { describe, expect, it } from 'vitest';
import type { EtlConfiguration, OngoingTask } from '../../main/web/api/types';
import {
  addCollection,
  fromConfiguration,
  newScript,
  newSqlTable,
  newTaskForm,
  scriptsToReset,
  summarizeTask,
  toConfiguration,
  validateTaskForm,
} from '../../main/web/logic/etl';

const sqlConfiguration: EtlConfiguration = {
  TaskId: 12,
  Name: 'Orders to SQL',
  ConnectionStringName: 'pg',
  EtlType: 'Sql',
  MentorNode: 'A',
  Transforms: [{ Name: 'orders', Collections: ['Orders'], Script: 'loadToOrders({Id: id(this)})', Disabled: false, ApplyToAllDocuments: false }],
  SqlTables: [{ TableName: 'Orders', DocumentIdColumn: 'Id', InsertOnlyMode: true }],
  ParameterizeDeletes: false,
  QuoteTables: true,
  CommandTimeout: 30,
};

describe('ETL task form', () => {
  it('round-trips a SQL ETL configuration, keeping fields the form does not show', () => {
    const form = fromConfiguration(sqlConfiguration);
    expect(form.sqlTables[0]).toMatchObject({ tableName: 'Orders', documentIdColumn: 'Id', insertOnly: true });
    expect(form.commandTimeout).toBe('30');
    expect(toConfiguration(form)).toEqual({ ...sqlConfiguration, Disabled: false });
  });

  it('builds a RavenDB ETL configuration from the chapter walk-through', () => {
    const form = newTaskForm('Raven');
    form.name = 'Employees to Helpdesk';
    form.connectionStringName = 'helpdesk';
    const script = newScript();
    script.name = 'Employees to Helpdesk';
    script.collections = addCollection([], 'Employees');
    form.scripts = [script];
    expect(validateTaskForm(form)).toEqual({});
    expect(toConfiguration(form)).toEqual({
      Name: 'Employees to Helpdesk',
      ConnectionStringName: 'helpdesk',
      EtlType: 'Raven',
      Disabled: false,
      Transforms: [{ Name: 'Employees to Helpdesk', Collections: ['Employees'], Script: '', Disabled: false, ApplyToAllDocuments: false }],
    });
  });

  it('finds what the server would reject, with its messages', () => {
    const form = newTaskForm('Sql');
    form.scripts = [newScript(), newScript()];
    form.scripts[0].name = 'A';
    form.scripts[1].name = 'a';
    form.commandTimeout = 'soon';
    const errors = validateTaskForm(form);
    expect(errors.name).toBe('Name of ETL configuration cannot be empty');
    expect(errors.connectionStringName).toContain('ConnectionStringName cannot be empty');
    expect(errors['script.1.name']).toBe("Script name 'a' name is already defined. The script names need to be unique");
    expect(errors['script.0.collections']).toContain('Collections need be specified');
    expect(errors['script.0.script']).toContain('loadTo');
    expect(errors.sqlTables).toContain('SqlTables cannot be empty');
    expect(errors.commandTimeout).toBeDefined();
    form.sqlTables = [newSqlTable()];
    expect(validateTaskForm(form)['table.0.tableName']).toBe('Table name cannot be empty');
  });

  it('adds a collection once, whatever its case', () => {
    expect(addCollection(['Employees'], ' employees ')).toEqual(['Employees']);
    expect(addCollection(['Employees'], 'Orders')).toEqual(['Employees', 'Orders']);
    expect(addCollection([], '  ')).toEqual([]);
  });

  it('resets only saved scripts that ask for it', () => {
    const form = fromConfiguration(sqlConfiguration);
    form.scripts[0].resetOnSave = true;
    const added = newScript();
    added.name = 'new';
    added.resetOnSave = true;
    form.scripts.push(added);
    expect(scriptsToReset(form)).toEqual(['orders']);
  });

  it('summarizes a task for the list: destination, lag in documents and seconds, errors', () => {
    const task: OngoingTask = {
      TaskId: 1,
      TaskName: 't',
      TaskType: 'RavenEtl',
      TaskState: 'Enabled',
      TaskConnectionStatus: 'Reconnect',
      Error: 'Connection refused',
      DestinationDatabase: 'helpdesk',
      DestinationUrl: 'http://127.0.0.1:8080',
      Scripts: [
        { Name: 'a', DocumentsToProcess: 10, TombstonesToProcess: 2, LagInSeconds: 3.5, ScriptErrors: 1, LoadErrors: 2 },
        { Name: 'b', DocumentsToProcess: 5, LagInSeconds: 9 },
      ],
    };
    expect(summarizeTask(task)).toEqual({
      destination: 'helpdesk@http://127.0.0.1:8080',
      documentsToProcess: 17,
      lagSeconds: 9,
      errorCount: 3,
      status: 'Reconnecting',
    });
  });
});
