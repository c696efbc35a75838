import { describe, expect, it } from 'vitest';
import type { Document } from '../../main/web/api/types';
import { buildDocument, documentPreview, errorPosition, parseDocumentText, splitDocument, userMetadata, validateId } from '../../main/web/logic/documents';

describe('document editing', () => {
  it('rejects invalid JSON with the parser message', () => {
    const result = parseDocumentText('{\n  "Name": "Ada",\n  "Age": ,\n}');
    expect(result).toMatchObject({ ok: false, message: expect.stringMatching(/^Invalid JSON/) });
  });

  it('says where invalid JSON is when the engine tells (Chromium: "line L column C")', () => {
    expect(errorPosition('Unexpected token \',\' in JSON at position 30 (line 3 column 10)', '')).toEqual({ line: 3, column: 10 });
  });

  it('computes line and column from a position when the engine gives only that', () => {
    expect(errorPosition('Unexpected token } in JSON at position 7', '{\n "a":}')).toEqual({ line: 2, column: 6 });
  });

  it('accepts only JSON objects, without @metadata in the body', () => {
    expect(parseDocumentText('[1, 2]')).toMatchObject({ ok: false, message: expect.stringContaining('not an array') });
    expect(parseDocumentText('')).toMatchObject({ ok: false });
    expect(parseDocumentText('{"@metadata": {}}')).toMatchObject({ ok: false, message: expect.stringContaining('Metadata section') });
    expect(parseDocumentText('{"Name": "Ada"}')).toEqual({ ok: true, value: { Name: 'Ada' } });
  });

  it('keeps the metadata the user may edit and drops what the server owns', () => {
    const document: Document = {
      Name: 'Ada',
      '@metadata': { '@collection': 'Employees', '@change-vector': 'A:1', '@id': 'employees/1', '@last-modified': 'x', 'Raven-Java-Type': 'Employee' },
    };
    const { body, metadata } = splitDocument(document);
    expect(body).toEqual({ Name: 'Ada' });
    expect(userMetadata(metadata)).toEqual({ 'Raven-Java-Type': 'Employee' });
    expect(buildDocument(body, ' Employees ', userMetadata(metadata))).toEqual({
      Name: 'Ada',
      '@metadata': { 'Raven-Java-Type': 'Employee', '@collection': 'Employees' },
    });
  });

  it('requires an id without surrounding spaces', () => {
    expect(validateId('')).toBeDefined();
    expect(validateId(' employees/1')).toBeDefined();
    expect(validateId('employees/1-A')).toBeUndefined();
  });

  it('previews the first fields of a document', () => {
    const preview = documentPreview({ Name: 'Ada', Lines: [1, 2], Address: { City: 'London' }, '@metadata': {} });
    expect(preview).toBe('Name: "Ada", Lines: [2], Address: {…}');
  });
});
