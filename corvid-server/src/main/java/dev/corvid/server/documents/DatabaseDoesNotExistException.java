package dev.corvid.server.documents;

import dev.corvid.server.CorvidException;
import dev.corvid.server.ErrorCode;

/** A request named a database this server does not have. HTTP adds the {@code Database-Missing} header. */
public final class DatabaseDoesNotExistException extends CorvidException {
    private final String database;

    public DatabaseDoesNotExistException(String database) {
        super(ErrorCode.DATABASE_DOES_NOT_EXIST, "Database '" + database + "' does not exist.");
        this.database = database;
    }

    public String database() {
        return database;
    }
}
