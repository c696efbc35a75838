package dev.corvid.server.etl.transform;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.corvid.server.json.Json;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;

/**
 * How the runtime hands over an SQL row whose values are all strings, finite numbers, booleans or
 * null (nearly every row) instead of as JSON: its properties go among the fields of the result
 * string, which the runtime joins once. {@code JSON.stringify} and a JSON parser per row cost about
 * a third of an SQL ETL's transform. Rows with any other value (objects, arrays, typed parameters,
 * {@code toJSON}) or with U+0001 in a name or string still come as JSON.
 *
 * <p>In the result: a field {@link #MARK} followed by the property count, then three fields per
 * property in {@code JSON.stringify}'s order (properties whose value is undefined or a function are
 * left out, as it does): the name, a tag and the value. Tags: {@code s} a string, {@code d} a number
 * as JavaScript prints it (which is also its JSON text), {@code t} true, {@code f} false, {@code n}
 * null (also NaN and the infinities, as JSON has it); the last three have an empty value.
 *
 * <p>A FlatRow is a view of those fields in the result string: nothing is cut out of it until a
 * reader asks for a name or a value, so a row costs one object, not a String per field (which, with
 * the arrays the runtime built per row, was most of what an SQL ETL allocated and the collector
 * copied).
 */
public final class FlatRow {
    public static final char MARK = '\u0002';

    private final String text;
    private final int start;
    private final int count;

    /** The {@code count} properties whose fields start at {@code start} in {@code text}, the whole result of a run. */
    FlatRow(String text, int start, int count) {
        this.text = text;
        this.start = start;
        this.count = count;
    }

    static boolean isFlat(String text, int fieldStart, int fieldEnd) {
        return fieldEnd > fieldStart && text.charAt(fieldStart) == MARK;
    }

    /** How many properties the row has. */
    public int count() {
        return count;
    }

    /** Reads the properties in order: {@code while (reader.next()) { reader.name() … }}. */
    public Reader reader() {
        return new Reader(text, start, count);
    }

    /**
     * Reads the fields in place, without cutting the result into strings: a name or value becomes a
     * String only when asked for, and a name can be compared with a known one.
     */
    public static final class Reader {
        private final String text;
        private int remaining;
        private int position;
        private int nameStart;
        private int nameEnd;
        private int valueStart;
        private int valueEnd;

        Reader(String text, int start, int count) {
            this.text = text;
            this.position = start;
            this.remaining = count;
        }

        public boolean next() {
            if (remaining == 0) {
                return false;
            }
            remaining--;
            nameStart = position;
            nameEnd = ScriptPrelude.fieldEnd(text, nameStart);
            valueStart = nameEnd + 3; // after the separator, the one-character tag and its separator
            valueEnd = ScriptPrelude.fieldEnd(text, valueStart);
            position = valueEnd + 1;
            return true;
        }

        public String name() {
            return text.substring(nameStart, nameEnd);
        }

        /** Whether the name is {@code candidate}, without making a String of it. */
        public boolean nameIs(String candidate) {
            return nameEnd - nameStart == candidate.length() && text.regionMatches(nameStart, candidate, 0, candidate.length());
        }

        /** {@code s}, {@code d}, {@code t}, {@code f} or {@code n}. */
        public char tag() {
            return text.charAt(nameEnd + 1);
        }

        /** The text of a string or number; empty for the other tags. */
        public String value() {
            return text.substring(valueStart, valueEnd);
        }

        /** The value as the whole result and the value's range in it, to read a number in place. */
        public String text() {
            return text;
        }

        public int valueStart() {
            return valueStart;
        }

        public int valueEnd() {
            return valueEnd;
        }
    }

    /** Where the field after the row's last one starts in the result. */
    int after() {
        Reader reader = reader();
        while (reader.next()) {
            // walks the row's fields
        }
        return reader.position;
    }

    /** The same object as JSON text. */
    String toJson() {
        StringWriter json = new StringWriter();
        try (JsonGenerator generator = Json.MAPPER.createGenerator(json)) {
            generator.writeStartObject();
            Reader reader = reader();
            while (reader.next()) {
                generator.writeFieldName(reader.name());
                switch (reader.tag()) {
                    case 's' -> generator.writeString(reader.value());
                    case 'd' -> generator.writeNumber(reader.value());
                    case 't' -> generator.writeBoolean(true);
                    case 'f' -> generator.writeBoolean(false);
                    default -> generator.writeNull();
                }
            }
            generator.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return json.toString();
    }
}
