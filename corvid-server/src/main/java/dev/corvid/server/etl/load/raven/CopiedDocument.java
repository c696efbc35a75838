package dev.corvid.server.etl.load.raven;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.JsonSerializable;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.jsontype.TypeSerializer;
import dev.corvid.server.json.Json;
import dev.corvid.server.storage.Metadata;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * A stored document as an empty script copies it, written into the batch request as raw bytes: the
 * stored JSON's top-level fields are copied byte for byte, and only its {@code @metadata} object is
 * rewritten, cleaned as {@link RavenCommands#prepare} cleans a tree. Nothing else is parsed, so numbers
 * and strings keep their exact text. Immutable.
 */
final class CopiedDocument implements JsonSerializable {
    private static final byte[] METADATA_KEY = ("\"" + Metadata.KEY + "\"").getBytes(StandardCharsets.UTF_8);

    private final byte[] storedJson;
    private final String collection;

    CopiedDocument(byte[] storedJson, String collection) {
        this.storedJson = storedJson;
        this.collection = collection;
    }

    @Override
    public void serialize(JsonGenerator out, SerializerProvider serializers) throws IOException {
        out.writeRawValue(new RawUtf8(bytes()));
    }

    @Override
    public void serializeWithType(JsonGenerator out, SerializerProvider serializers, TypeSerializer typeSerializer)
            throws IOException {
        serialize(out, serializers);
    }

    /** The document to send: the stored fields as they are, then the cleaned metadata. */
    byte[] bytes() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(storedJson.length + 64);
        Scanner scan = new Scanner(storedJson);
        scan.expect('{');
        out.write('{');
        boolean first = true;
        byte[] metadata = null;
        if (!scan.at('}')) {
            do {
                int fieldStart = scan.position();
                int keyEnd = scan.string();
                boolean isMetadata = keyEnd - fieldStart == METADATA_KEY.length
                        && java.util.Arrays.equals(storedJson, fieldStart, keyEnd, METADATA_KEY, 0, METADATA_KEY.length);
                scan.expect(':');
                int valueStart = scan.position();
                scan.value();
                if (isMetadata) {
                    metadata = storedJson[valueStart] == '{'
                            ? cleanMetadata(valueStart, scan.position() - valueStart) : null;
                } else {
                    if (!first) {
                        out.write(',');
                    }
                    out.write(storedJson, fieldStart, scan.position() - fieldStart);
                    first = false;
                }
            } while (scan.next(','));
        }
        scan.expect('}');
        if (!first) {
            out.write(',');
        }
        out.write(METADATA_KEY);
        out.write(':');
        out.write(metadata != null ? metadata : cleanMetadata(-1, 0));
        out.write('}');
        return out.toByteArray();
    }

    /** The metadata object at {@code [offset, offset + length)} without the fields the destination assigns; {@code @collection} added when missing. */
    private byte[] cleanMetadata(int offset, int length) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(Math.max(length, 32));
        try (JsonGenerator out = Json.MAPPER.getFactory().createGenerator(bytes)) {
            out.writeStartObject();
            boolean hasCollection = false;
            if (offset >= 0) {
                try (JsonParser in = Json.MAPPER.getFactory().createParser(storedJson, offset, length)) {
                    in.nextToken();
                    while (in.nextToken() == JsonToken.FIELD_NAME) {
                        String key = in.currentName();
                        JsonToken value = in.nextToken();
                        boolean nullCollection = key.equals(Metadata.COLLECTION) && value == JsonToken.VALUE_NULL;
                        if (RavenCommands.isSystemMetadata(key) || nullCollection) {
                            in.skipChildren();
                            continue;
                        }
                        hasCollection |= key.equals(Metadata.COLLECTION);
                        out.writeFieldName(key);
                        out.copyCurrentStructureExact(in);
                    }
                }
            }
            if (!hasCollection) {
                out.writeStringField(Metadata.COLLECTION, collection);
            }
            out.writeEndObject();
        }
        return bytes.toByteArray();
    }

    /**
     * Finds where JSON values end in compact or spaced JSON that is known to be valid (a stored
     * document): strings with their escapes, nested objects and arrays, literals.
     */
    private static final class Scanner {
        private final byte[] json;
        private int position;

        Scanner(byte[] json) {
            this.json = json;
        }

        int position() {
            return position;
        }

        void expect(char c) throws IOException {
            skipSpace();
            if (position >= json.length || json[position] != c) {
                throw new IOException("stored document: expected '" + c + "' at byte " + position);
            }
            position++;
            skipSpace();
        }

        boolean at(char c) {
            skipSpace();
            return position < json.length && json[position] == c;
        }

        boolean next(char c) {
            if (at(c)) {
                position++;
                skipSpace();
                return true;
            }
            return false;
        }

        /** Skips the string starting here; returns where it ends (after the closing quote). */
        int string() throws IOException {
            if (json[position] != '"') {
                throw new IOException("stored document: expected a string at byte " + position);
            }
            position++;
            while (json[position] != '"') {
                position += json[position] == '\\' ? 2 : 1;
            }
            position++;
            return position;
        }

        void value() throws IOException {
            byte c = json[position];
            if (c == '"') {
                string();
            } else if (c == '{' || c == '[') {
                int depth = 0;
                do {
                    byte b = json[position];
                    if (b == '"') {
                        string();
                        continue;
                    }
                    if (b == '{' || b == '[') {
                        depth++;
                    } else if (b == '}' || b == ']') {
                        depth--;
                    }
                    position++;
                } while (depth > 0);
            } else {
                while (position < json.length && json[position] != ',' && json[position] != '}'
                        && json[position] != ']' && !isSpace(json[position])) {
                    position++;
                }
            }
        }

        private void skipSpace() {
            while (position < json.length && isSpace(json[position])) {
                position++;
            }
        }

        private static boolean isSpace(byte b) {
            return b == ' ' || b == '\n' || b == '\r' || b == '\t';
        }
    }

    /** Bytes that are already UTF-8 JSON, handed to the generator without decoding. */
    private record RawUtf8(byte[] utf8) implements SerializableString {
        private SerializableString text() {
            return new SerializedString(getValue());
        }

        @Override
        public String getValue() {
            return new String(utf8, StandardCharsets.UTF_8);
        }

        @Override
        public int charLength() {
            return getValue().length();
        }

        @Override
        public char[] asQuotedChars() {
            return text().asQuotedChars();
        }

        @Override
        public byte[] asUnquotedUTF8() {
            return utf8;
        }

        @Override
        public byte[] asQuotedUTF8() {
            return text().asQuotedUTF8();
        }

        @Override
        public int appendQuotedUTF8(byte[] buffer, int offset) {
            return text().appendQuotedUTF8(buffer, offset);
        }

        @Override
        public int appendQuoted(char[] buffer, int offset) {
            return text().appendQuoted(buffer, offset);
        }

        @Override
        public int appendUnquotedUTF8(byte[] buffer, int offset) {
            if (offset + utf8.length > buffer.length) {
                return -1;
            }
            System.arraycopy(utf8, 0, buffer, offset, utf8.length);
            return utf8.length;
        }

        @Override
        public int appendUnquoted(char[] buffer, int offset) {
            return text().appendUnquoted(buffer, offset);
        }

        @Override
        public int writeQuotedUTF8(OutputStream out) throws IOException {
            return text().writeQuotedUTF8(out);
        }

        @Override
        public int writeUnquotedUTF8(OutputStream out) throws IOException {
            out.write(utf8);
            return utf8.length;
        }

        @Override
        public int putQuotedUTF8(ByteBuffer buffer) throws IOException {
            return text().putQuotedUTF8(buffer);
        }

        @Override
        public int putUnquotedUTF8(ByteBuffer buffer) throws IOException {
            if (buffer.remaining() < utf8.length) {
                return -1;
            }
            buffer.put(utf8);
            return utf8.length;
        }
    }
}
