// Documents in the editor: the body is edited as JSON, the metadata the server owns is kept apart.

import type { AttachmentInfo, Document, Metadata } from '../api/types';

/** Metadata the server sets itself; the editor shows it but never sends it back. */
export const SERVER_METADATA = ['@id', '@change-vector', '@last-modified', '@flags', '@attachments', '@counters', '@timeseries', '@etag'];

export type ParseResult =
  | { ok: true; value: Record<string, unknown> }
  | { ok: false; message: string; line?: number; column?: number };

/** Parses the editor's text; the error says where the problem is, for showing next to the editor. */
export function parseDocumentText(text: string): ParseResult {
  if (!text.trim()) {
    return { ok: false, message: 'The document is empty; a document is a JSON object such as { "Name": "Ada" }.' };
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const raw = error instanceof Error ? error.message : String(error);
    const where = errorPosition(raw, text);
    const message = raw.replace(/^JSON\.parse: /, '').replace(/ \(line \d+ column \d+\)$/, '');
    const shortMessage = message.replace(/ in JSON at position \d+$/, '');
    return where
      ? { ok: false, message: `Invalid JSON at line ${where.line}, column ${where.column}: ${shortMessage}`, ...where }
      : { ok: false, message: `Invalid JSON: ${message}` };
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return { ok: false, message: 'A document must be a JSON object ({ ... }), not ' + describe(value) + '.' };
  }
  if ('@metadata' in value) {
    return { ok: false, message: 'Edit metadata in the Metadata section, not as @metadata in the document.' };
  }
  return { ok: true, value: value as Record<string, unknown> };
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return `a ${typeof value}`;
}

/** Line and column of a JSON.parse error, from "(line L column C)" or "at position N". */
export function errorPosition(message: string, text: string): { line: number; column: number } | undefined {
  const lineColumn = /line (\d+) column (\d+)/.exec(message);
  if (lineColumn) {
    return { line: Number(lineColumn[1]), column: Number(lineColumn[2]) };
  }
  const position = /position (\d+)/.exec(message);
  if (position) {
    const before = text.slice(0, Number(position[1]));
    const lines = before.split('\n');
    return { line: lines.length, column: lines[lines.length - 1].length + 1 };
  }
  return undefined;
}

/** The document's own fields and its metadata. */
export function splitDocument(document: Document): { body: Record<string, unknown>; metadata: Metadata } {
  const { '@metadata': metadata, ...body } = document;
  return { body, metadata: metadata ?? {} };
}

/** The metadata a user may edit: everything but what the server owns (and @collection, which has its own field). */
export function userMetadata(metadata: Metadata): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(metadata)) {
    if (!SERVER_METADATA.includes(key) && key !== '@collection') {
      result[key] = value;
    }
  }
  return result;
}

/** The document to PUT: body, the user's metadata and the collection. */
export function buildDocument(body: Record<string, unknown>, collection: string, extraMetadata: Record<string, unknown>): Document {
  const metadata: Metadata = { ...extraMetadata };
  if (collection.trim()) {
    metadata['@collection'] = collection.trim();
  }
  return { ...body, '@metadata': metadata };
}

export function validateId(id: string): string | undefined {
  if (!id.trim()) {
    return 'The document needs an id, such as employees/1-A.';
  }
  if (id !== id.trim()) {
    return 'The id must not start or end with spaces.';
  }
  return undefined;
}

/** A one-line look at a document for lists: its first few fields. */
export function documentPreview(document: Document, maxLength = 120): string {
  const { body } = splitDocument(document);
  const parts: string[] = [];
  for (const [key, value] of Object.entries(body)) {
    const shown = value !== null && typeof value === 'object' ? (Array.isArray(value) ? `[${value.length}]` : '{…}') : JSON.stringify(value);
    parts.push(`${key}: ${shown}`);
    if (parts.join(', ').length > maxLength) break;
  }
  const text = parts.join(', ');
  return text.length > maxLength ? text.slice(0, maxLength - 1) + '…' : text;
}

export function attachmentsOf(document: Document | undefined): AttachmentInfo[] {
  const list = document?.['@metadata']?.['@attachments'];
  return Array.isArray(list) ? list : [];
}

/** A collection name for a new document id, as RavenDB's conventions would make it: "Employees" → "employees/". */
export function idPrefixFor(collection: string): string {
  return collection ? `${collection.toLowerCase()}/` : '';
}
