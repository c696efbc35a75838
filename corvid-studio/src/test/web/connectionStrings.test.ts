import { describe, expect, it } from 'vitest';
import { factoryLabel, hasSecret, isJdbcUrl, MASK, maskConnectionString, normalizeUrls, validateRaven, validateSql } from '../../main/web/logic/connectionStrings';

describe('connection strings', () => {
  it('masks passwords in ADO.NET style connection strings', () => {
    expect(maskConnectionString('Host=127.0.0.1;Database=test;Username=postgres;Password=s3cret;Port=5432')).toBe(
      `Host=127.0.0.1;Database=test;Username=postgres;Password=${MASK};Port=5432`,
    );
    expect(maskConnectionString('Server=x;User Id=sa;PWD = "a;b";')).toBe(`Server=x;User Id=sa;PWD = ${MASK};`);
    expect(maskConnectionString('Data Source=x;User Password=abc')).toBe(`Data Source=x;User Password=${MASK}`);
  });

  it('masks a password in a URL and leaves strings without secrets alone', () => {
    expect(maskConnectionString('postgres://app:hunter2@db:5432/shop')).toBe(`postgres://app:${MASK}@db:5432/shop`);
    expect(maskConnectionString('Host=127.0.0.1;Database=test;Username=postgres')).toBe('Host=127.0.0.1;Database=test;Username=postgres');
    expect(hasSecret('Host=x;Password=;')).toBe(false);
  });

  it('validates RavenDB connection strings with the server messages', () => {
    const errors = validateRaven({ Type: 'Raven', Name: '', Database: '', TopologyDiscoveryUrls: ['http://a:8080', ' ', 'ftp://x'] });
    expect(errors).toEqual({
      Name: 'Name cannot be empty',
      Database: 'Database cannot be empty',
      url1: 'Url number 2 in TopologyDiscoveryUrls cannot be empty',
      url2: expect.stringContaining('must start with http:// or https://'),
    });
    expect(validateRaven({ Type: 'Raven', Name: 'n', Database: 'd', TopologyDiscoveryUrls: [] })).toEqual({
      TopologyDiscoveryUrls: 'TopologyDiscoveryUrls cannot be empty',
    });
  });

  it('validates SQL connection strings and normalizes URLs', () => {
    expect(validateSql({ Type: 'Sql', Name: 'pg', FactoryName: 'Npgsql', ConnectionString: ' ' })).toEqual({
      ConnectionString: 'ConnectionString cannot be empty',
    });
    expect(normalizeUrls([' http://a:8080/ '])).toEqual(['http://a:8080']);
  });

  it('needs no factory for a JDBC URL, and a factory for anything else', () => {
    expect(validateSql({ Type: 'Sql', Name: 'r', FactoryName: '', ConnectionString: 'jdbc:sqlite:/data/reporting.sqlite' })).toEqual({});
    expect(isJdbcUrl(' JDBC:postgresql://h/db')).toBe(true);
    expect(validateSql({ Type: 'Sql', Name: 'r', FactoryName: '', ConnectionString: 'Host=h;Database=d' })).toEqual({
      FactoryName: expect.stringContaining('or give a JDBC URL'),
    });
    expect(factoryLabel('')).toContain('JDBC URL');
  });
});
