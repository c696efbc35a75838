package dev.corvid.server.http;

import dev.corvid.server.CorvidException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** A small multipart/form-data reader for batches that carry attachment contents. */
public final class Multipart {
    /** One part: its raw header block and its content. */
    public record Part(String headers, byte[] content) {
    }

    private Multipart() {
    }

    public static List<Part> parse(byte[] body, String contentType) {
        String boundary = boundary(contentType);
        byte[] delimiter = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        List<Part> parts = new ArrayList<>();
        int at = indexOf(body, delimiter, 0);
        if (at < 0) {
            throw CorvidException.badRequest("Multipart body does not contain its boundary.");
        }
        while (true) {
            int afterDelimiter = at + delimiter.length;
            if (afterDelimiter + 1 < body.length && body[afterDelimiter] == '-' && body[afterDelimiter + 1] == '-') {
                return parts;
            }
            int headersStart = skipLineBreak(body, afterDelimiter);
            int headersEnd = indexOf(body, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), headersStart);
            if (headersEnd < 0) {
                throw CorvidException.badRequest("Multipart part has no header terminator.");
            }
            int contentStart = headersEnd + 4;
            int next = indexOf(body, delimiter, contentStart);
            if (next < 0) {
                throw CorvidException.badRequest("Multipart body is not terminated by its boundary.");
            }
            int contentEnd = next >= 2 && body[next - 2] == '\r' && body[next - 1] == '\n' ? next - 2 : next;
            parts.add(new Part(new String(body, headersStart, headersEnd - headersStart, StandardCharsets.ISO_8859_1),
                    Arrays.copyOfRange(body, contentStart, contentEnd)));
            at = next;
        }
    }

    private static String boundary(String contentType) {
        for (String piece : contentType.split(";")) {
            String p = piece.trim();
            if (p.toLowerCase().startsWith("boundary=")) {
                return Exchange.unquote(p.substring("boundary=".length()));
            }
        }
        throw CorvidException.badRequest("Multipart Content-Type has no boundary.");
    }

    private static int skipLineBreak(byte[] body, int at) {
        if (at + 1 < body.length && body[at] == '\r' && body[at + 1] == '\n') {
            return at + 2;
        }
        return at;
    }

    static int indexOf(byte[] haystack, byte[] needle, int from) {
        outer:
        for (int i = Math.max(0, from); i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
