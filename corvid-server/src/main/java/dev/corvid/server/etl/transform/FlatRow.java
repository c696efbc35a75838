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
 */
public final class FlatRow {
    public static final char MARK = '\u0002';

    private FlatRow() {
    }

    static boolean isFlat(String field) {
        return !field.isEmpty() && field.charAt(0) == MARK;
    }

    /** Reads the properties in order: {@code while (reader.next()) { reader.name() … }}. */
    public static final class Reader {
        private final String[] parts;
        private int position = -3;

        public Reader(String[] parts) {
            this.parts = parts;
        }

        public boolean next() {
            position += 3;
            return position < parts.length;
        }

        public String name() {
            return parts[position];
        }

        /** {@code s}, {@code d}, {@code t}, {@code f} or {@code n}. */
        public char tag() {
            return parts[position + 1].charAt(0);
        }

        /** The text of a string or number; empty for the other tags. */
        public String value() {
            return parts[position + 2];
        }
    }

    /** The same object as JSON text. */
    static String toJson(String[] parts) {
        StringWriter json = new StringWriter();
        try (JsonGenerator generator = Json.MAPPER.createGenerator(json)) {
            generator.writeStartObject();
            Reader reader = new Reader(parts);
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
