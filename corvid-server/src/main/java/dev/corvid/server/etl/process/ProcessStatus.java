package dev.corvid.server.etl.process;

/** What an ETL process is doing right now. */
public enum ProcessStatus {
    /** Working on a batch. */
    RUNNING,
    /** Caught up; waiting for the next change. */
    IDLE,
    /** The last load failed; waiting before retrying the same batch. */
    BACKING_OFF,
    /** Stopped on an error that retrying cannot fix (e.g. a script that does not compile). */
    FAULTED,
    /** The process has been stopped. */
    STOPPED
}
