// Connection strings: the SQL providers Corvid knows, masking of secrets, and form validation.

import type { RavenConnectionString, SqlConnectionString } from '../api/types';

/** SQL `FactoryName` values (ETL.md §1.2); the names are part of the wire format. */
export const SQL_FACTORIES: { name: string; label: string }[] = [
  { name: 'Npgsql', label: 'PostgreSQL (Npgsql)' },
  { name: 'MySqlConnector.MySqlConnectorFactory', label: 'MySQL / MariaDB (MySqlConnector)' },
  { name: 'MySql.Data.MySqlClient', label: 'MySQL (MySql.Data.MySqlClient)' },
  { name: 'MySqlConnector', label: 'MySQL / MariaDB (MySqlConnector)' },
  { name: 'Microsoft.Data.SqlClient', label: 'SQL Server (Microsoft.Data.SqlClient)' },
  { name: 'System.Data.SqlClient', label: 'SQL Server (System.Data.SqlClient)' },
  { name: 'Oracle.ManagedDataAccess.Client', label: 'Oracle (Oracle.ManagedDataAccess.Client)' },
  { name: '', label: 'JDBC URL (jdbc:…; also SQLite, DuckDB and H2 files)' },
];

/** Whether the connection string is a JDBC URL, which names its database itself (no factory needed). */
export function isJdbcUrl(connectionString: string): boolean {
  return /^\s*jdbc:/i.test(connectionString);
}

export function factoryLabel(name: string): string {
  return SQL_FACTORIES.find((f) => f.name === name)?.label ?? name;
}

export const MASK = '••••••';

/** How the server shows a stored SQL password; sent back unchanged, it keeps the stored one. */
export const SERVER_MASK = '*****';

const SECRET_KEYS = /((?:^|;)\s*(?:password|pwd|user password|secret|access\s*key|token|api\s*key)\s*=\s*)("(?:[^"]|"")*"|'(?:[^']|'')*'|[^;]*)/gi;
const URL_PASSWORD = /(\b[a-z][a-z0-9+.-]*:\/\/[^:/@\s]+:)([^@/\s]+)(@)/gi;

/** The connection string with every password-like value replaced by a mask, for showing in lists. */
export function maskConnectionString(text: string): string {
  return text
    .replace(SECRET_KEYS, (_, key: string, value: string) => (value.trim() ? key + MASK : key + value))
    .replace(URL_PASSWORD, (_, before: string, _secret: string, at: string) => before + MASK + at);
}

/** Whether the text holds a secret that a list would mask. */
export function hasSecret(text: string): boolean {
  return maskConnectionString(text) !== text;
}

export type FieldErrors = Record<string, string>;

export function validateRaven(cs: RavenConnectionString): FieldErrors {
  const errors: FieldErrors = {};
  if (!cs.Name.trim()) {
    errors.Name = 'Name cannot be empty';
  }
  if (!cs.Database.trim()) {
    errors.Database = 'Database cannot be empty';
  }
  if (cs.TopologyDiscoveryUrls.length === 0) {
    errors.TopologyDiscoveryUrls = 'TopologyDiscoveryUrls cannot be empty';
  }
  cs.TopologyDiscoveryUrls.forEach((url, i) => {
    const trimmed = url.trim();
    if (!trimmed) {
      errors[`url${i}`] = `Url number ${i + 1} in TopologyDiscoveryUrls cannot be empty`;
    } else if (!/^https?:\/\/[^\s/]+/i.test(trimmed)) {
      errors[`url${i}`] = `Url number ${i + 1} must start with http:// or https://, e.g. http://127.0.0.1:8080`;
    }
  });
  return errors;
}

export function validateSql(cs: SqlConnectionString): FieldErrors {
  const errors: FieldErrors = {};
  if (!cs.Name.trim()) {
    errors.Name = 'Name cannot be empty';
  }
  if (!cs.FactoryName.trim() && !isJdbcUrl(cs.ConnectionString)) {
    errors.FactoryName = 'Pick the database provider (factory), or give a JDBC URL (jdbc:…) as the connection string';
  }
  if (!cs.ConnectionString.trim()) {
    errors.ConnectionString = 'ConnectionString cannot be empty';
  }
  return errors;
}

/** URLs as the server stores them: trimmed, without a trailing slash. */
export function normalizeUrls(urls: string[]): string[] {
  return urls.map((u) => u.trim().replace(/\/+$/, ''));
}
