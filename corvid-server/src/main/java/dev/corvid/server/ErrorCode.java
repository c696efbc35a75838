package dev.corvid.server;

/**
 * Stable error codes. Each maps to an HTTP status and to the RavenDB exception type that the official
 * client turns into its own exception class (see PROTOCOL.md §2).
 */
public enum ErrorCode {
    BAD_REQUEST(400, "Raven.Client.Exceptions.BadRequestException"),
    INVALID_JSON(400, "Raven.Client.Exceptions.BadRequestException"),
    INVALID_ID(400, "Raven.Client.Exceptions.BadRequestException"),
    INVALID_QUERY(400, "Raven.Client.Exceptions.Documents.Queries.InvalidQueryException"),
    INVALID_DATABASE_NAME(400, "Raven.Client.Exceptions.BadRequestException"),
    ROUTE_NOT_FOUND(400, "Raven.Client.Exceptions.Routing.RouteNotFoundException"),
    DOCUMENT_DOES_NOT_EXIST(404, "Raven.Client.Exceptions.Documents.DocumentDoesNotExistException"),
    INDEX_DOES_NOT_EXIST(404, "Raven.Client.Exceptions.Documents.Indexes.IndexDoesNotExistException"),
    OPERATION_NOT_FOUND(404, "Raven.Client.Exceptions.BadRequestException"),
    CONCURRENCY(409, "Raven.Client.Exceptions.ConcurrencyException"),
    DATABASE_ALREADY_EXISTS(409, "Raven.Client.Exceptions.ConcurrencyException"),
    BODY_TOO_LARGE(413, "Raven.Client.Exceptions.BadRequestException"),
    DATABASE_DOES_NOT_EXIST(503, "Raven.Client.Exceptions.Database.DatabaseDoesNotExistException"),
    DATABASE_UNAVAILABLE(503, "Raven.Client.Exceptions.Database.DatabaseDisabledException"),
    BULK_INSERT_ABORTED(500, "Raven.Client.Exceptions.Documents.BulkInsert.BulkInsertAbortedException"),
    STORAGE_FULL(507, "Raven.Server.Exceptions.StorageFullException"),
    STORAGE_FAILURE(500, "Raven.Server.Exceptions.StorageException"),
    INTERNAL(500, "System.InvalidOperationException");

    private final int httpStatus;
    private final String ravenType;

    ErrorCode(int httpStatus, String ravenType) {
        this.httpStatus = httpStatus;
        this.ravenType = ravenType;
    }

    public int httpStatus() {
        return httpStatus;
    }

    /** The .NET exception type name the RavenDB client maps to a Java exception class. */
    public String ravenType() {
        return ravenType;
    }
}
