package dev.corvid.server.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.corvid.server.ConcurrencyException;
import dev.corvid.server.CorvidException;
import dev.corvid.server.ErrorCode;
import dev.corvid.server.documents.DatabaseDoesNotExistException;
import dev.corvid.server.json.Json;
import java.io.IOException;
import org.eclipse.jetty.http.BadMessageException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Turns exceptions into RavenDB's error JSON (PROTOCOL.md §2) with a fitting status. */
final class ErrorResponses {
    private static final Logger LOG = LoggerFactory.getLogger(ErrorResponses.class);

    private ErrorResponses() {
    }

    static void send(Exchange exchange, Throwable failure) throws IOException {
        CorvidException error = classify(exchange, failure);
        ObjectNode body = body(exchange.url(), error);
        if (error instanceof DatabaseDoesNotExistException missing) {
            exchange.setHeader("Database-Missing", missing.database());
        }
        exchange.json(error.code().httpStatus(), body);
    }

    static ObjectNode body(String url, CorvidException error) {
        ObjectNode body = Json.object();
        body.put("Url", url);
        body.put("Type", error.code().ravenType());
        body.put("Message", error.getMessage());
        body.put("Error", error.code().ravenType() + ": " + error.getMessage());
        if (error instanceof ConcurrencyException conflict) {
            body.put("Id", conflict.id());
            body.put("ExpectedChangeVector", conflict.expectedChangeVector());
            body.put("ActualChangeVector", conflict.actualChangeVector());
        }
        return body;
    }

    private static CorvidException classify(Exchange exchange, Throwable failure) {
        if (failure instanceof CorvidException corvid) {
            if (corvid.code().httpStatus() >= 500 && corvid.code() != ErrorCode.DATABASE_DOES_NOT_EXIST) {
                LOG.error("{} {} failed", exchange.method(), exchange.url(), failure);
            }
            return corvid;
        }
        if (failure instanceof BadMessageException bad) {
            return new CorvidException(ErrorCode.BAD_REQUEST, "Bad request: " + bad.getReason());
        }
        if (failure instanceof IOException io) {
            return new CorvidException(ErrorCode.BAD_REQUEST, "Could not read the request: " + io.getMessage());
        }
        LOG.error("{} {} failed unexpectedly", exchange.method(), exchange.url(), failure);
        return new CorvidException(ErrorCode.INTERNAL, "Internal error while handling " + exchange.method() + " "
                + exchange.path() + ": " + failure.getClass().getSimpleName() + ": " + failure.getMessage()
                + " (details in the server log)");
    }
}
