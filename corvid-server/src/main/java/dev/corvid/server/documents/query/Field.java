package dev.corvid.server.documents.query;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * What a condition or an ordering looks at: the document id ({@code id()}) or a path into the
 * document JSON ({@code Address.City}, {@code @metadata.@collection}).
 *
 * <p>Path segments never contain a dot: like RavenDB's field names, a quoted name such as
 * {@code 'Address.City'} is the same path as {@code Address.City}.
 */
public sealed interface Field {
    /** How RQL writes this field: {@code id()} or the dotted path. */
    String text();

    static Field id() {
        return new DocumentId();
    }

    static Field path(String... segments) {
        return new Path(Arrays.asList(segments));
    }

    /** The inverse of {@link #text()}. */
    static Field parse(String text) {
        if (text.equalsIgnoreCase("id()")) {
            return id();
        }
        return new Path(List.of(text.split("\\.", -1)));
    }

    /** {@code id()}: the document id, compared case-insensitively like every string. */
    record DocumentId() implements Field {
        @Override
        public String text() {
            return "id()";
        }
    }

    /** A path of property names; arrays met on the way are searched element by element. */
    record Path(List<String> segments) implements Field {
        public Path {
            segments = List.copyOf(segments);
            if (segments.isEmpty() || segments.stream().anyMatch(s -> Objects.requireNonNull(s).isEmpty())) {
                throw new IllegalArgumentException("a field path needs non-empty segments: " + segments);
            }
        }

        @Override
        public String text() {
            return String.join(".", segments);
        }
    }
}
