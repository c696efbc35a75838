package dev.corvid.server;

/** An optimistic concurrency check failed: the stored change vector is not the expected one. */
public final class ConcurrencyException extends CorvidException {
    private final String id;
    private final String expectedChangeVector;
    private final String actualChangeVector;

    public ConcurrencyException(String id, String expectedChangeVector, String actualChangeVector, String message) {
        super(ErrorCode.CONCURRENCY, message);
        this.id = id;
        this.expectedChangeVector = expectedChangeVector;
        this.actualChangeVector = actualChangeVector;
    }

    public String id() {
        return id;
    }

    public String expectedChangeVector() {
        return expectedChangeVector;
    }

    /** The stored change vector, or empty when the document does not exist. */
    public String actualChangeVector() {
        return actualChangeVector;
    }
}
