package dev.corvid.cli.demo;

/**
 * A protocol call of the demo failed: the server could not be reached, or answered with an
 * unexpected status or body. The message names the request and quotes the answer.
 */
public final class DemoClientException extends RuntimeException {
    public DemoClientException(String message) {
        super(message);
    }

    public DemoClientException(String message, Throwable cause) {
        super(message, cause);
    }
}
