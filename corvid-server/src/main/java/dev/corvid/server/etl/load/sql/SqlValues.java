package dev.corvid.server.etl.load.sql;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.corvid.server.json.Json;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * JSON column values → JDBC values (ETL.md §6.5, with Corvid's corrections of §9 #11):
 * <ul>
 *   <li>null → NULL; booleans → Boolean; integers → Long (BigDecimal beyond 64 bits); other numbers →
 *       BigDecimal, exact as written (RavenDB sends doubles);</li>
 *   <li>strings stay strings — no guessing that a digit-leading string is a date. A string becomes a date
 *       only when typed explicitly or when it goes into a temporal column (the sink converts it then);</li>
 *   <li>{@code {Type, Value[, Size]}} (also what {@code varchar()}/{@code nvarchar()} return) → a value of
 *       that type: RavenDB's generic {@code DbType} names (case-sensitive) or a provider's type names
 *       (case-insensitive), {@code 'Array | X'} for arrays; {@code Size} is accepted and not enforced;</li>
 *   <li>{@code loadAttachment(name)} → the attachment's bytes (NULL when missing);</li>
 *   <li>any other object or array → its JSON text.</li>
 * </ul>
 */
final class SqlValues {
    static final String ATTACHMENT_MARKER = "$attachment/";

    private static final Set<String> TYPED_FIELDS = Set.of("Type", "Value", "Size");
    private static final Map<String, Function<JsonNode, Object>> GENERIC = Map.ofEntries(
            Map.entry("AnsiString", SqlValues::text), Map.entry("String", SqlValues::text),
            Map.entry("AnsiStringFixedLength", SqlValues::text), Map.entry("StringFixedLength", SqlValues::text),
            Map.entry("Xml", SqlValues::text), Map.entry("Object", SqlValues::text),
            Map.entry("Byte", SqlValues::integer), Map.entry("SByte", SqlValues::integer), Map.entry("Int16", SqlValues::integer),
            Map.entry("Int32", SqlValues::integer), Map.entry("Int64", SqlValues::integer), Map.entry("UInt16", SqlValues::integer),
            Map.entry("UInt32", SqlValues::integer), Map.entry("UInt64", SqlValues::integer),
            Map.entry("Decimal", SqlValues::decimal), Map.entry("Currency", SqlValues::decimal), Map.entry("VarNumeric", SqlValues::decimal),
            Map.entry("Double", SqlValues::floating), Map.entry("Single", SqlValues::floating),
            Map.entry("Boolean", SqlValues::bool),
            Map.entry("Date", SqlValues::date), Map.entry("DateTime", SqlValues::dateTime), Map.entry("DateTime2", SqlValues::dateTime),
            Map.entry("DateTimeOffset", SqlValues::dateTimeOffset), Map.entry("Time", SqlValues::time),
            Map.entry("Guid", SqlValues::uuid), Map.entry("Binary", SqlValues::binary));
    /** Provider type names (NpgsqlDbType, MySqlDbType, SqlDbType, OracleDbType), lower-case. */
    private static final Map<String, Function<JsonNode, Object>> PROVIDER = providerTypes();

    private SqlValues() {
    }

    private static Map<String, Function<JsonNode, Object>> providerTypes() {
        Map<String, Function<JsonNode, Object>> types = new java.util.HashMap<>();
        for (String t : List.of("varchar", "nvarchar", "char", "nchar", "text", "ntext", "citext", "varchar2", "nvarchar2",
                "clob", "nclob", "longtext", "mediumtext", "tinytext", "string", "json", "jsonb", "xml", "enum", "name")) {
            types.put(t, SqlValues::text);
        }
        for (String t : List.of("integer", "int", "int2", "int4", "int8", "smallint", "bigint", "tinyint", "mediumint",
                "int16", "int32", "int64", "byte", "ubyte", "uint16", "uint32", "uint64", "uint24", "int24", "year", "long")) {
            types.put(t, SqlValues::integer);
        }
        for (String t : List.of("numeric", "decimal", "newdecimal", "money", "smallmoney", "number")) {
            types.put(t, SqlValues::decimal);
        }
        for (String t : List.of("double", "real", "float", "float4", "float8", "binarydouble", "binaryfloat")) {
            types.put(t, SqlValues::floating);
        }
        for (String t : List.of("boolean", "bool", "bit")) {
            types.put(t, SqlValues::bool);
        }
        types.put("date", SqlValues::date);
        for (String t : List.of("timestamp", "datetime", "datetime2", "smalldatetime")) {
            types.put(t, SqlValues::dateTime);
        }
        for (String t : List.of("timestamptz", "datetimeoffset", "timestampwithtz", "timestamptimezone")) {
            types.put(t, SqlValues::dateTimeOffset);
        }
        types.put("time", SqlValues::time);
        for (String t : List.of("uuid", "uniqueidentifier", "guid")) {
            types.put(t, SqlValues::uuid);
        }
        for (String t : List.of("bytea", "varbinary", "binary", "image", "blob", "longblob", "mediumblob", "tinyblob", "raw",
                "longraw")) {
            types.put(t, SqlValues::binary);
        }
        return Map.copyOf(types);
    }

    /** A column value that could not be converted; fails the document with this message. */
    static final class ValueException extends RuntimeException {
        ValueException(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * Converts one column value.
     *
     * @param attachments the bytes of an attachment of the source document by name, if it exists
     */
    static Object of(JsonNode node, Function<String, Optional<byte[]>> attachments) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isIntegralNumber()) {
            return node.canConvertToLong() ? (Object) node.longValue() : new BigDecimal(node.bigIntegerValue());
        }
        if (node.isNumber()) {
            return node.isBigDecimal() ? node.decimalValue() : new BigDecimal(node.asText());
        }
        if (node.isTextual()) {
            return text(node.textValue(), attachments);
        }
        if (node instanceof ObjectNode object && isTyped(object)) {
            return typed(object, attachments);
        }
        return node.toString();
    }

    /**
     * A number from its JSON text, as {@link #of(JsonParser, Function)} reads it: an integer is a
     * Long (a BigDecimal beyond Long's range), anything with a fraction or exponent goes through a
     * double to its shortest decimal text.
     */
    static Object number(String text) {
        if (text.indexOf('.') < 0 && text.indexOf('e') < 0 && text.indexOf('E') < 0) {
            try {
                return Long.parseLong(text);
            } catch (NumberFormatException e) {
                return new BigDecimal(text);
            }
        }
        return new BigDecimal(Double.toString(Double.parseDouble(text)));
    }

    /** {@link #number(String)} of {@code text[start, end)}; an integer of up to 18 digits is read in place. */
    static Object number(String text, int start, int end) {
        int digits = start < end && text.charAt(start) == '-' ? start + 1 : start;
        if (end - digits > 0 && end - digits <= 18) {
            int i = digits;
            while (i < end && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
                i++;
            }
            if (i == end) {
                return Long.parseLong(text, start, end, 10);
            }
        }
        return number(text.substring(start, end));
    }

    /** A string column value: itself, or the bytes of the attachment a {@code loadAttachment()} marker names. */
    static Object text(String text, Function<String, Optional<byte[]>> attachments) {
        return text.startsWith(ATTACHMENT_MARKER)
                ? attachments.apply(text.substring(ATTACHMENT_MARKER.length())).orElse(null) : text;
    }

    private static final ObjectReader NESTED = Json.MAPPER.reader().without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    /**
     * Converts the value at the parser's current token, exactly as {@link #of(JsonNode, Function)}
     * converts its tree, but reading scalars straight from the parser; objects and arrays are read
     * into a tree first. Leaves the parser on the value's last token.
     */
    static Object of(JsonParser parser, Function<String, Optional<byte[]>> attachments) throws IOException {
        // NESTED reads one value in the middle of the object, so what follows it is no error
        return switch (parser.currentToken()) {
            case VALUE_NULL -> null;
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            case VALUE_NUMBER_INT -> parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER
                    ? new BigDecimal(parser.getBigIntegerValue()) : (Object) parser.getLongValue();
            // as the tree does: a double, then its shortest decimal text
            case VALUE_NUMBER_FLOAT -> new BigDecimal(Double.toString(parser.getDoubleValue()));
            case VALUE_STRING -> text(parser.getText(), attachments);
            default -> of((JsonNode) NESTED.readTree(parser), attachments);
        };
    }

    private static boolean isTyped(ObjectNode object) {
        if (!object.hasNonNull("Type") || !object.get("Type").isTextual() || !object.has("Value")) {
            return false;
        }
        for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
            if (!TYPED_FIELDS.contains(names.next())) {
                return false;
            }
        }
        return true;
    }

    private static Object typed(ObjectNode object, Function<String, Optional<byte[]>> attachments) {
        String type = object.get("Type").textValue();
        JsonNode value = object.get("Value");
        if (value.isTextual() && value.textValue().startsWith(ATTACHMENT_MARKER)) {
            return of(value, attachments);
        }
        Function<JsonNode, Object> generic = GENERIC.get(type);
        if (generic != null) {
            return convert(generic, value, type);
        }
        String[] parts = type.split("\\|");
        boolean array = false;
        Function<JsonNode, Object> element = null;
        for (String part : parts) {
            String name = part.trim().toLowerCase(Locale.ROOT);
            if (name.equals("array")) {
                array = true;
            } else if (element == null && PROVIDER.containsKey(name)) {
                element = PROVIDER.get(name);
            } else {
                throw new ValueException("Couldn't parse '" + type + "' as db type.");
            }
        }
        if (element == null) {
            throw new ValueException("Couldn't parse '" + type + "' as db type.");
        }
        if (!array) {
            return convert(element, value, type);
        }
        if (value.isNull()) {
            return null;
        }
        if (!value.isArray()) {
            throw new ValueException("A value of type '" + type + "' must be an array but got " + value.getNodeType());
        }
        List<Object> elements = new ArrayList<>(value.size());
        for (JsonNode e : value) {
            elements.add(convert(element, e, type));
        }
        return elements;
    }

    private static Object convert(Function<JsonNode, Object> converter, JsonNode value, String type) {
        if (value == null || value.isNull()) {
            return null;
        }
        try {
            return converter.apply(value);
        } catch (RuntimeException e) {
            throw new ValueException("Cannot convert " + value + " to '" + type + "': " + e.getMessage());
        }
    }

    private static Object text(JsonNode value) {
        return value.isTextual() ? value.textValue() : value.isValueNode() ? value.asText() : value.toString();
    }

    private static Object integer(JsonNode value) {
        return value.isIntegralNumber() ? value.longValue() : Long.parseLong(value.asText().trim());
    }

    private static Object decimal(JsonNode value) {
        return value.isBigDecimal() ? value.decimalValue() : new BigDecimal(value.asText().trim());
    }

    private static Object floating(JsonNode value) {
        return value.isNumber() ? value.doubleValue() : Double.parseDouble(value.asText().trim());
    }

    private static Object bool(JsonNode value) {
        if (value.isBoolean()) {
            return value.booleanValue();
        }
        if (value.isNumber()) {
            return value.intValue() != 0;
        }
        String text = value.asText().trim();
        if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(text);
        }
        throw new IllegalArgumentException("not a boolean");
    }

    private static Object date(JsonNode value) {
        return parseDate(value.asText()).orElseThrow(() -> new IllegalArgumentException("not an ISO date"));
    }

    private static Object dateTime(JsonNode value) {
        return parseDateTime(value.asText()).orElseThrow(() -> new IllegalArgumentException("not an ISO date-time"));
    }

    private static Object dateTimeOffset(JsonNode value) {
        return parseDateTimeOffset(value.asText()).orElseThrow(() -> new IllegalArgumentException("not an ISO date-time"));
    }

    private static Object time(JsonNode value) {
        return parseTime(value.asText()).orElseThrow(() -> new IllegalArgumentException("not an ISO time"));
    }

    private static Object uuid(JsonNode value) {
        return UUID.fromString(value.asText().trim());
    }

    private static Object binary(JsonNode value) {
        return Base64.getDecoder().decode(value.asText().trim());
    }

    // ---- ISO dates, also used by the sink for temporal columns ------------------------------------

    /** A date, or the date part of a date-time. */
    static Optional<LocalDate> parseDate(String text) {
        String t = text.trim();
        try {
            return Optional.of(LocalDate.parse(t));
        } catch (DateTimeParseException notADate) {
            return parseDateTime(t).map(LocalDateTime::toLocalDate);
        }
    }

    /** A date-time without offset; one with an offset ({@code Z}, {@code +02:00}) is converted to UTC. A date alone is midnight. */
    static Optional<LocalDateTime> parseDateTime(String text) {
        String t = text.trim();
        if (t.length() < 10 || !Character.isDigit(t.charAt(0))) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDateTime.parse(t.replace(' ', 'T')));
        } catch (DateTimeParseException e) {
            // with offset or date only
        }
        try {
            return Optional.of(OffsetDateTime.parse(t.replace(' ', 'T')).withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime());
        } catch (DateTimeParseException e) {
            // date only
        }
        try {
            return Optional.of(LocalDate.parse(t).atStartOfDay());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** A date-time with offset; without one it is taken as UTC. */
    static Optional<OffsetDateTime> parseDateTimeOffset(String text) {
        String t = text.trim().replace(' ', 'T');
        try {
            return Optional.of(OffsetDateTime.parse(t));
        } catch (DateTimeParseException e) {
            return parseDateTime(t).map(local -> local.atOffset(ZoneOffset.UTC));
        }
    }

    static Optional<LocalTime> parseTime(String text) {
        String t = text.trim();
        try {
            return Optional.of(LocalTime.parse(t));
        } catch (DateTimeParseException e) {
            return parseDateTime(t).map(LocalDateTime::toLocalTime);
        }
    }
}
