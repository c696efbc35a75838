// JSON shapes of the Corvid (RavenDB-compatible) HTTP API that the Studio uses.
// Field names are RavenDB's; see PROTOCOL.md and ETL.md §2.

export interface DatabaseInfo {
  Name: string;
  DocumentsCount: number;
  CountOfAttachments?: number;
  TotalSize: { SizeInBytes: number; HumaneSize: string };
}

export interface CollectionStats {
  CountOfDocuments: number;
  Collections: Record<string, number>;
}

export type Metadata = Record<string, unknown> & {
  '@collection'?: string;
  '@change-vector'?: string;
  '@id'?: string;
  '@last-modified'?: string;
  '@flags'?: string;
  '@attachments'?: AttachmentInfo[];
};

/** A document as the server returns it: its fields plus `@metadata`. */
export type Document = Record<string, unknown> & { '@metadata': Metadata };

export interface AttachmentInfo {
  Name: string;
  ContentType: string;
  Size: number;
  Hash?: string;
}

export interface Page<T> {
  results: T[];
  /** Known for collection queries; undefined when the server does not say. */
  total?: number;
}

export interface RavenConnectionString {
  Type: 'Raven';
  Name: string;
  Database: string;
  TopologyDiscoveryUrls: string[];
}

export interface SqlConnectionString {
  Type: 'Sql';
  Name: string;
  ConnectionString: string;
  FactoryName: string;
}

export type ConnectionString = RavenConnectionString | SqlConnectionString;

export interface ConnectionStrings {
  RavenConnectionStrings: Record<string, RavenConnectionString>;
  SqlConnectionStrings: Record<string, SqlConnectionString>;
}

export interface SqlTestConnectionResult {
  Success: boolean;
  Error?: string | null;
}

export type EtlType = 'Raven' | 'Sql';
export type TaskType = 'RavenEtl' | 'SqlEtl';

export interface Transformation {
  Name: string;
  Collections: string[];
  Script: string;
  Disabled: boolean;
  ApplyToAllDocuments: boolean;
}

export interface SqlTable {
  TableName: string;
  DocumentIdColumn: string;
  InsertOnlyMode: boolean;
}

export interface EtlConfiguration {
  TaskId?: number;
  Name: string;
  ConnectionStringName: string;
  EtlType: EtlType;
  Disabled?: boolean;
  Transforms: Transformation[];
  // SQL ETL only
  SqlTables?: SqlTable[];
  ParameterizeDeletes?: boolean;
  QuoteTables?: boolean;
  CommandTimeout?: number | null;
  [other: string]: unknown;
}

export interface ScriptStatus {
  Name: string;
  Disabled?: boolean;
  Status?: string;
  DocumentsToProcess?: number;
  TombstonesToProcess?: number;
  LagInSeconds?: number;
  ScriptErrors?: number;
  LoadErrors?: number;
  LastError?: string;
  NextAttemptAt?: string;
}

export interface OngoingTask {
  TaskId: number;
  TaskName: string;
  TaskType: TaskType | string;
  TaskState: 'Enabled' | 'Disabled' | 'PartiallyEnabled' | string;
  TaskConnectionStatus?: string;
  Error?: string | null;
  ErrorCount?: number;
  Scripts?: ScriptStatus[];
  ConnectionStringName?: string;
  DestinationDatabase?: string | null;
  DestinationUrl?: string | null;
  DestinationServer?: string | null;
  Configuration?: EtlConfiguration;
}

export interface OngoingTasks {
  OngoingTasksList: OngoingTask[];
}

export interface ProcessProgress {
  TransformationName: string;
  Completed: boolean;
  Disabled: boolean;
  NumberOfDocumentsToProcess: number;
  TotalNumberOfDocuments: number;
  NumberOfDocumentTombstonesToProcess?: number;
  LagInSeconds?: number;
  Status?: string;
  ExtractedItems?: number;
  LoadedItems?: number;
  ScriptErrors?: number;
  LoadErrors?: number;
  LastBatchAt?: string;
  LastSuccessAt?: string;
  LastError?: string;
  NextAttemptAt?: string;
}

export interface TaskProgress {
  TaskName: string;
  EtlType: EtlType;
  ProcessesProgress: ProcessProgress[];
}

export interface BatchPerformance {
  Id?: number;
  Started: string;
  DurationInMs: number;
  Details?: { ExtractDurationInMs?: number; TransformDurationInMs?: number; LoadDurationInMs?: number };
  NumberOfExtractedItems?: number;
  NumberOfTransformedItems?: number;
  NumberOfFilteredOutItems?: number;
  TransformationErrorCount?: number;
  BatchSize?: number;
  SuccessfullyLoaded?: boolean | null;
  BatchTransformationCompleteReason?: string;
  BatchStopReason?: string;
}

export interface ProcessPerformance {
  TaskName: string;
  TransformationName: string;
  Performance: BatchPerformance[];
}

/** What an SQL ETL script wrote to one table since the server started (GET /etl/debug/stats). */
export interface TableMetrics {
  WrittenRows: number;
  DeletedDocuments: number;
  WriteDurationInMs: number;
  DeleteDurationInMs: number;
  Batches: number;
}

/** A statement that took longer than 3 seconds. */
export interface SlowStatement {
  Date: string;
  Duration: number;
  TableName: string;
  Statement: string;
}

export interface ProcessDebugStats {
  Name: string;
  TaskName: string;
  TransformationName: string;
  Metrics: { Tables: Record<string, TableMetrics>; SlowSqlWarnings: SlowStatement[] };
}

export interface EtlError {
  TaskName: string;
  TransformationName: string;
  Date: string;
  DocumentId?: string | null;
  Error: string;
}

export interface TransformationError {
  Date?: string;
  DocumentId?: string;
  Error: string;
}

export interface RavenTestResult {
  Commands: Record<string, unknown>[];
  TransformationErrors: TransformationError[];
  DebugOutput: string[];
}

export interface SqlTestCommand {
  CommandText: string;
  Params?: unknown;
}

export interface SqlTestResult {
  Summary: { TableName: string; Commands: SqlTestCommand[] }[];
  TransformationErrors: TransformationError[];
  LoadErrors: TransformationError[];
  SlowSqlWarnings?: { Date?: string; Duration?: number; Statement?: string }[];
  DebugOutput: string[];
}
