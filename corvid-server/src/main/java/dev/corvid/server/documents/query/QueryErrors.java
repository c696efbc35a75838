package dev.corvid.server.documents.query;

import dev.corvid.server.CorvidException;
import dev.corvid.server.ErrorCode;

/** The exceptions a query can end with. */
final class QueryErrors {
    /** The shape of query Corvid understands, appended to messages about unsupported syntax. */
    static final String SUPPORTED = "Corvid runs collection queries only: "
            + "from <Collection> [as alias] [where ...] [order by ...] [limit ...].";

    private QueryErrors() {
    }

    static CorvidException invalid(String message) {
        return new CorvidException(ErrorCode.INVALID_QUERY, message);
    }

    static CorvidException indexDoesNotExist(String index) {
        return new CorvidException(ErrorCode.INDEX_DOES_NOT_EXIST,
                "Index '" + index + "' does not exist; Corvid runs collection queries only (from <Collection>).");
    }
}
