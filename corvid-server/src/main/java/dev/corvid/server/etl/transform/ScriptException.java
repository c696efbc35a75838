package dev.corvid.server.etl.transform;

import dev.corvid.server.CorvidException;
import dev.corvid.server.ErrorCode;

/**
 * An ETL script that cannot be used: it does not parse, or a delete-behaviour function failed. The
 * message names the script and, where known, the line.
 */
public final class ScriptException extends CorvidException {
    public ScriptException(String message) {
        super(ErrorCode.BAD_REQUEST, message);
    }

    public ScriptException(String message, Throwable cause) {
        super(ErrorCode.BAD_REQUEST, message, cause);
    }
}
