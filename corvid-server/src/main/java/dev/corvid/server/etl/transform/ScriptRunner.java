package dev.corvid.server.etl.transform;

import dev.corvid.server.storage.StoredDocument;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.SourceSection;
import org.graalvm.polyglot.Value;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one {@link EtlScript} on documents, one at a time, in a GraalJS context of its own that is
 * reused from document to document (a context per document would be several times slower).
 *
 * <p>Per document, one JSON string goes in and one comes out. A script error fails that document only
 * ({@link TransformOutcome.Failed}); the runner stays usable. A script running past the time limit is
 * interrupted by the {@link ScriptWatchdog}, and its context — whose globals may be half-changed — is
 * closed and rebuilt for the next document. Exceptions from the {@link ScriptSource} are not script
 * errors and are rethrown to the caller unchanged.
 *
 * <p>Not thread-safe: one runner per process thread (a virtual thread is fine); call {@link #close()}
 * when the process stops.
 */
public final class ScriptRunner implements AutoCloseable {
    public static final Duration DEFAULT_TIME_LIMIT = Duration.ofSeconds(5);
    /** Setting up a context parses the script when the engine has not seen it yet; slow on a cold JVM. */
    private static final Duration MIN_SETUP_TIME_LIMIT = Duration.ofSeconds(10);
    private static final Logger LOG = LoggerFactory.getLogger(ScriptRunner.class);

    private final EtlScript script;
    private final Duration timeLimit;
    private final ScriptWatchdog.Watch watch;
    private ScriptContext context;
    private ScriptSource source = ScriptSource.NONE;
    private RuntimeException sourceFailure;
    private boolean closed;

    public ScriptRunner(EtlScript script) {
        this(script, DEFAULT_TIME_LIMIT);
    }

    /** @param timeLimitPerDocument how long one document may run before the script is stopped */
    public ScriptRunner(EtlScript script, Duration timeLimitPerDocument) {
        this.script = Objects.requireNonNull(script, "script");
        this.timeLimit = Objects.requireNonNull(timeLimitPerDocument, "timeLimitPerDocument");
        if (timeLimitPerDocument.isNegative() || timeLimitPerDocument.isZero()) {
            throw new IllegalArgumentException("time limit per document must be positive: " + timeLimitPerDocument);
        }
        this.watch = ScriptWatchdog.watch(script.name());
    }

    public EtlScript script() {
        return script;
    }

    /**
     * Runs the script with {@code this} bound to a copy of {@code document}. An empty Raven script
     * copies the document (one item to its own collection, with all attachments) without running
     * JavaScript; an empty SQL script loads nothing.
     *
     * @param source what {@code load(id)} reads
     */
    public TransformOutcome transform(StoredDocument document, ScriptSource source) {
        ensureOpen();
        if (script.isEmpty()) {
            return script.kind() == ScriptKind.RAVEN ? ScriptResults.copyOf(document) : new TransformOutcome.Loaded(List.of(), List.of(), 0);
        }
        try {
            String json = execute(source, ctx -> ctx.run(document.jsonText()));
            return ScriptResults.read(json, script.analysis().targets());
        } catch (ScriptFailure e) {
            return new TransformOutcome.Failed(document.id(), e.getMessage(), e.output());
        } catch (ScriptResults.Unstorable e) {
            return new TransformOutcome.Failed(document.id(), "The script emitted an object Corvid cannot store: "
                    + e.getMessage(), List.of());
        }
    }

    /** For a tombstone; same as {@link #shouldPropagateDelete(String, String, boolean, ScriptSource)} with {@code deleted = true} and no documents to load. */
    public boolean shouldPropagateDelete(String documentId, String collection) {
        return shouldPropagateDelete(documentId, collection, true, ScriptSource.NONE);
    }

    /** For a tombstone, with {@code load()} available to the behaviour function (e.g. to look for a marker document). */
    public boolean shouldPropagateDelete(String documentId, String collection, ScriptSource source) {
        return shouldPropagateDelete(documentId, collection, true, source);
    }

    /**
     * Runs {@code deleteDocumentsOf<Collection>Behavior(id, deleted)}, or else the generic
     * {@code deleteDocumentsBehavior(id, collection, deleted)} (ETL.md §4.4). True when the delete must
     * be propagated: the function returned a truthy value, or there is no such function.
     *
     * @param deleted true for a tombstone; false for an update that no longer loads to its own collection (5.4+)
     * @throws ScriptException when the behaviour function fails or runs past the time limit
     */
    public boolean shouldPropagateDelete(String documentId, String collection, boolean deleted, ScriptSource source) {
        ensureOpen();
        if (!script.hasDeleteBehavior(collection)) {
            return true;
        }
        try {
            return execute(source, ctx -> ctx.shouldDelete(documentId, collection, deleted));
        } catch (ScriptFailure e) {
            throw new ScriptException("The delete behavior function of script '" + script.name() + "' failed for '"
                    + documentId + "': " + e.getMessage());
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        watch.close();
        discardContext();
    }

    /** Calls into the context under the watchdog; turns every guest failure into a {@link ScriptFailure}. */
    private <T> T execute(ScriptSource documents, Function<ScriptContext, T> call) {
        if (context == null) {
            ScriptContext fresh = ScriptContext.open();
            context = fresh;
            try {
                Duration setupLimit = timeLimit.compareTo(MIN_SETUP_TIME_LIMIT) > 0 ? timeLimit : MIN_SETUP_TIME_LIMIT;
                guarded(ScriptSource.NONE, fresh, setupLimit, ctx -> {
                    ctx.install(script, this::hostLoad);
                    return null;
                });
            } catch (ScriptFailure e) {
                discardContext();
                throw e;
            }
        }
        return guarded(documents, context, timeLimit, call);
    }

    private <T> T guarded(ScriptSource documents, ScriptContext ctx, Duration limit, Function<ScriptContext, T> call) {
        source = Objects.requireNonNull(documents, "source");
        sourceFailure = null;
        T result = null;
        RuntimeException error = null;
        watch.begin(ctx.polyglotContext(), limit);
        try {
            result = call.apply(ctx);
        } catch (PolyglotException | IllegalStateException e) {
            error = e;
        } finally {
            // An interrupt that found the execution already finished changed nothing: keep the result.
            boolean interrupted = watch.end() && error != null;
            source = ScriptSource.NONE;
            if (error != null || sourceFailure != null) {
                handleFailure(error, interrupted, limit);
            }
        }
        return result;
    }

    private void handleFailure(RuntimeException error, boolean interrupted, Duration limit) {
        if (sourceFailure != null) {
            RuntimeException failure = sourceFailure;
            sourceFailure = null;
            throw failure;
        }
        if (interrupted || (error instanceof PolyglotException p && p.isInterrupted())) {
            discardContext();
            throw new ScriptFailure("The script ran longer than the time limit of " + limit.toMillis()
                    + " ms per document and was stopped", List.of());
        }
        if (error instanceof PolyglotException p && p.isGuestException() && !p.isInternalError()) {
            List<String> output = context != null ? context.takeOutput() : List.of();
            throw new ScriptFailure(describe(p), output);
        }
        LOG.warn("ETL script '{}' failed outside its own code; rebuilding its context", script.name(), error);
        discardContext();
        String what = error instanceof PolyglotException ? "The JavaScript engine failed: " : "The script could not be set up: ";
        throw new ScriptFailure(what + error.getMessage(), List.of());
    }

    /** {@code ReferenceError: foo is not defined at line 3}: the line of the innermost frame in the user's script. */
    private String describe(PolyglotException error) {
        String message = error.getMessage() == null ? "Script error" : error.getMessage();
        for (PolyglotException.StackFrame frame : error.getPolyglotStackTrace()) {
            SourceSection location = frame.getSourceLocation();
            if (frame.isGuestFrame() && location != null && location.getSource().getName().equals(script.name())
                    && location.getSource().getCharacters().length() == script.wrappedSource().getCharacters().length()) {
                return message + " at line " + location.getStartLine();
            }
        }
        return message;
    }

    /** {@code load(id)} from the script: the document's JSON text, or null. */
    private Object hostLoad(Value... arguments) {
        try {
            return source.load(arguments[0].asString()).map(StoredDocument::jsonText).orElse(null);
        } catch (RuntimeException e) {
            // Remembered so that a script catching it cannot hide a storage failure.
            sourceFailure = e;
            throw e;
        }
    }

    private void discardContext() {
        if (context != null) {
            ScriptContext old = context;
            context = null;
            old.close();
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("script runner for '" + script.name() + "' is closed");
        }
    }

    /** A per-document script failure, with the {@code output()} lines collected before it. */
    private static final class ScriptFailure extends RuntimeException {
        private final transient List<String> output;

        ScriptFailure(String message, List<String> output) {
            super(message, null, false, false);
            this.output = List.copyOf(output);
        }

        List<String> output() {
            return output;
        }
    }
}
