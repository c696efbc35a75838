package dev.corvid.server.documents;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.corvid.server.CorvidException;
import dev.corvid.server.ErrorCode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Long-running operations of one database (bulk inserts, delete by query) and their states, kept
 * for {@link #RETENTION} after they finish so that clients polling late still get an answer.
 */
public final class Operations {
    static final Duration RETENTION = Duration.ofMinutes(15);

    public enum Status { InProgress, Completed, Faulted, Canceled }

    /** The state of one operation; {@code result} is RavenDB's result JSON when finished. */
    public record State(long id, Status status, Optional<ObjectNode> result, Optional<CorvidException> failure,
                        Instant updatedAt) {
    }

    private final Clock clock;
    private final AtomicLong nextId = new AtomicLong();
    private final Map<Long, State> states = new ConcurrentHashMap<>();
    private final Map<Long, Runnable> cancellers = new ConcurrentHashMap<>();

    Operations(Clock clock) {
        this.clock = clock;
    }

    public long nextId() {
        return nextId.incrementAndGet();
    }

    public void started(long id, Runnable cancel) {
        purgeOld();
        states.put(id, new State(id, Status.InProgress, Optional.empty(), Optional.empty(), clock.instant()));
        cancellers.put(id, cancel);
    }

    public void completed(long id, ObjectNode result) {
        finish(new State(id, Status.Completed, Optional.of(result), Optional.empty(), clock.instant()));
    }

    public void faulted(long id, CorvidException failure) {
        finish(new State(id, Status.Faulted, Optional.empty(), Optional.of(failure), clock.instant()));
    }

    private void finish(State state) {
        states.put(state.id(), state);
        cancellers.remove(state.id());
    }

    public State state(long id) {
        State state = states.get(id);
        if (state == null) {
            throw new CorvidException(ErrorCode.OPERATION_NOT_FOUND, "Operation " + id + " was not found on the server.");
        }
        return state;
    }

    /** Asks a running operation to stop; its state becomes Canceled. */
    public void kill(long id) {
        Runnable cancel = cancellers.remove(id);
        if (cancel == null) {
            throw new CorvidException(ErrorCode.OPERATION_NOT_FOUND, "Operation " + id + " was not found on the server or has finished.");
        }
        cancel.run();
        states.put(id, new State(id, Status.Canceled, Optional.empty(), Optional.empty(), clock.instant()));
    }

    private void purgeOld() {
        Instant cutoff = clock.instant().minus(RETENTION);
        states.values().removeIf(s -> s.status() != Status.InProgress && s.updatedAt().isBefore(cutoff));
    }
}
