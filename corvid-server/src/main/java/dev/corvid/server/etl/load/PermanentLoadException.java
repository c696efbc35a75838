package dev.corvid.server.etl.load;

import dev.corvid.server.CorvidException;
import dev.corvid.server.ErrorCode;

/** The destination rejected the batch in a way retrying cannot fix; the task stops with this error. */
public final class PermanentLoadException extends CorvidException {
    public PermanentLoadException(String message, Throwable cause) {
        super(ErrorCode.BAD_REQUEST, message, cause);
    }
}
