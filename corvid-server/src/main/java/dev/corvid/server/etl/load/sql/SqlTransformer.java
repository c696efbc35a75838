package dev.corvid.server.etl.load.sql;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.corvid.server.etl.EtlTransformer;
import dev.corvid.server.etl.SqlEtlConfiguration;
import dev.corvid.server.etl.SqlEtlTable;
import dev.corvid.server.etl.TransformedItem;
import dev.corvid.server.etl.transform.EtlScript;
import dev.corvid.server.etl.transform.FlatRow;
import dev.corvid.server.etl.transform.LoadedItem;
import dev.corvid.server.etl.transform.ScriptRunner;
import dev.corvid.server.etl.transform.TransformOutcome;
import dev.corvid.server.json.Json;
import dev.corvid.server.storage.Attachment;
import dev.corvid.server.storage.ChangeEntry;
import dev.corvid.server.storage.ReadTxn;
import dev.corvid.server.storage.StoredDocument;
import dev.corvid.server.storage.Tombstone;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Turns source documents and tombstones into {@link SqlItem}s (ETL.md §6.1): one row per
 * {@code loadTo<Table>} call, the document id column first with the source document id (a script
 * property of exactly that name is dropped), then the properties in order; and the tables to delete the
 * document's previous rows from. Tombstones do not run the script. A target missing from
 * {@code SqlTables} or a value that cannot be converted fails that document only.
 * Not thread-safe: one per process thread.
 */
final class SqlTransformer implements EtlTransformer<SqlItem> {
    static final Duration SCRIPT_TIME_LIMIT = Duration.ofSeconds(5);

    private final SqlEtlConfiguration task;
    private final ScriptRunner runner;
    /** Tables whose previous rows a document's change deletes: the script's targets that are configured and not insert-only. */
    private final List<String> deleteFrom;
    /** Column lists already seen, so that rows of the same shape share one list. */
    private final Map<List<String>, List<String>> columnLists = new HashMap<>();
    /** Per table, the columns of its last row that came as a {@link FlatRow}: the next one most likely has the same. */
    private final Map<String, List<String>> flatColumns = new HashMap<>();
    /** The configured table of each target seen, looked up once (the targets are the script's few). */
    private final Map<String, Optional<SqlEtlTable>> tables = new HashMap<>();

    SqlTransformer(SqlEtlConfiguration task, EtlScript script) {
        this.task = task;
        this.runner = new ScriptRunner(script, SCRIPT_TIME_LIMIT);
        Set<String> tables = new LinkedHashSet<>();
        for (String target : script.targets()) {
            task.table(target).filter(t -> !t.insertOnlyMode()).ifPresent(t -> tables.add(t.tableName()));
        }
        this.deleteFrom = List.copyOf(tables);
    }

    @Override
    public TransformedItem<SqlItem> transform(ChangeEntry entry, ReadTxn snapshot) {
        return switch (entry) {
            case StoredDocument document -> transformDocument(document, snapshot);
            case Tombstone tombstone -> deleteFrom.isEmpty()
                    ? new TransformedItem.FilteredOut<>(List.of())
                    : loaded(new SqlItem(tombstone.id(), deleteFrom, List.of()), List.of());
        };
    }

    private TransformedItem<SqlItem> transformDocument(StoredDocument document, ReadTxn snapshot) {
        TransformOutcome outcome = runner.transform(document, snapshot::get);
        if (outcome instanceof TransformOutcome.Failed failed) {
            return new TransformedItem.Failed<>(failed.documentId(), failed.error(), failed.output());
        }
        TransformOutcome.Loaded loaded = (TransformOutcome.Loaded) outcome;
        List<SqlItem.SqlRow> rows = new ArrayList<>(loaded.items().size());
        Function<String, Optional<byte[]>> attachments = name -> snapshot.attachment(document.id(), name).map(Attachment::content);
        for (LoadedItem item : loaded.items()) {
            Optional<SqlEtlTable> table = tables.computeIfAbsent(item.target(), task::table);
            if (table.isEmpty()) {
                return new TransformedItem.Failed<>(document.id(),
                        "Table '" + item.target() + "' was not defined in the configuration of SQL ETL task", loaded.output());
            }
            try {
                rows.add(item.flatRow() != null
                        ? flatRow(table.get(), document.id(), item.flatRow(), attachments)
                        : row(table.get(), document.id(), item.json(), attachments));
            } catch (SqlValues.ValueException e) {
                return new TransformedItem.Failed<>(document.id(), "Table '" + table.get().tableName() + "': " + e.getMessage(),
                        loaded.output());
            }
        }
        if (rows.isEmpty() && deleteFrom.isEmpty()) {
            return new TransformedItem.FilteredOut<>(loaded.output());
        }
        return loaded(new SqlItem(document.id(), deleteFrom, rows), loaded.output());
    }

    /** One row: the document id column, then the object's properties as columns, read straight from its JSON text. */
    private SqlItem.SqlRow row(SqlEtlTable table, String documentId, String objectJson, Function<String, Optional<byte[]>> attachments) {
        RowBuilder row = new RowBuilder(table, documentId);
        try (JsonParser parser = Json.MAPPER.createParser(objectJson)) {
            parser.disable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION); // JSON.stringify never repeats a key
            parser.nextToken(); // the object's START_OBJECT: the runtime emits nothing else
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String column = parser.currentName();
                parser.nextToken();
                if (row.isIdColumn(column)) {
                    parser.skipChildren();
                } else {
                    row.add(column, SqlValues.of(parser, attachments));
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("JSON.stringify gave what Jackson cannot read: " + e.getMessage(), e);
        }
        return row.build();
    }

    /**
     * The same row from the {@link FlatRow} the runtime sends for rows of plain values, read in place:
     * the names become Strings only when they differ from the table's previous flat row.
     */
    private SqlItem.SqlRow flatRow(SqlEtlTable table, String documentId, FlatRow flat, Function<String, Optional<byte[]>> attachments) {
        List<String> previous = flatColumns.get(table.tableName());
        Object[] values = new Object[flat.count() + 1];
        values[0] = documentId;
        String[] names = null; // made at the first name that differs from the previous row's
        int n = 1;
        FlatRow.Reader reader = flat.reader();
        while (reader.next()) {
            if (reader.nameIs(table.documentIdColumn())) {
                continue;
            }
            if (names == null && (previous == null || n >= previous.size() || !reader.nameIs(previous.get(n)))) {
                names = new String[values.length];
                for (int k = 0; k < n; k++) {
                    names[k] = previous == null ? table.documentIdColumn() : previous.get(k);
                }
            }
            if (names != null) {
                names[n] = reader.name();
            }
            values[n++] = switch (reader.tag()) {
                case 's' -> SqlValues.text(reader.value(), attachments);
                case 'd' -> SqlValues.number(reader.text(), reader.valueStart(), reader.valueEnd());
                case 't' -> Boolean.TRUE;
                case 'f' -> Boolean.FALSE;
                default -> null;
            };
        }
        List<String> columns;
        if (names == null && previous != null && previous.size() == n) {
            columns = previous;
        } else {
            columns = shared(names != null ? Arrays.asList(names).subList(0, n)
                    : previous != null ? previous.subList(0, n) : List.of(table.documentIdColumn()));
            flatColumns.put(table.tableName(), columns);
        }
        return new SqlItem.SqlRow(table.tableName(), columns, n == values.length ? values : Arrays.copyOf(values, n));
    }

    /** One list instance for every row with these columns. */
    private List<String> shared(List<String> columns) {
        List<String> shared = columnLists.computeIfAbsent(columns, List::copyOf);
        if (columnLists.size() > 1_000) {
            columnLists.clear();
            flatColumns.clear();
        }
        return shared;
    }

    /** A row being read: the document id column first, then the properties in order; a property named like the id column is dropped. */
    private final class RowBuilder {
        private final SqlEtlTable table;
        private final List<String> columns = new ArrayList<>();
        private final List<Object> values = new ArrayList<>();

        RowBuilder(SqlEtlTable table, String documentId) {
            this.table = table;
            add(table.documentIdColumn(), documentId);
        }

        boolean isIdColumn(String column) {
            return column.equals(table.documentIdColumn());
        }

        void add(String column, Object value) {
            columns.add(column);
            values.add(value);
        }

        SqlItem.SqlRow build() {
            return new SqlItem.SqlRow(table.tableName(), shared(columns), values.toArray());
        }
    }

    private static TransformedItem<SqlItem> loaded(SqlItem item, List<String> output) {
        return new TransformedItem.Loaded<>(item, item.bytes(), output);
    }

    @Override
    public void close() {
        runner.close();
    }
}
