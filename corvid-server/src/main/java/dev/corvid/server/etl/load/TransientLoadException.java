package dev.corvid.server.etl.load;

import dev.corvid.server.CorvidException;
import dev.corvid.server.ErrorCode;

/** The destination could not take the batch now (unreachable, timing out, unavailable); retry later. */
public final class TransientLoadException extends CorvidException {
    public TransientLoadException(String message, Throwable cause) {
        super(ErrorCode.DATABASE_UNAVAILABLE, message, cause);
    }
}
