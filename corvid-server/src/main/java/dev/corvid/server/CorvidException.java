package dev.corvid.server;

import java.util.Objects;

/**
 * The one exception type Corvid throws on purpose: unchecked, with a stable {@link ErrorCode} and a
 * message a user can act on. HTTP maps it to RavenDB's error JSON and the code's status.
 */
public class CorvidException extends RuntimeException {
    private final ErrorCode code;

    public CorvidException(ErrorCode code, String message) {
        super(message);
        this.code = Objects.requireNonNull(code);
    }

    public CorvidException(ErrorCode code, String message, Throwable cause) {
        super(message, cause);
        this.code = Objects.requireNonNull(code);
    }

    public ErrorCode code() {
        return code;
    }

    public static CorvidException badRequest(String message) {
        return new CorvidException(ErrorCode.BAD_REQUEST, message);
    }
}
