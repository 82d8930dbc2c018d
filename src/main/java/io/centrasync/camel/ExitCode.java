package io.centrasync.camel;

/** Process exit codes; scripts and schedulers depend on them. */
public final class ExitCode {
    /** Everything synced. */
    public static final int OK = 0;
    /** A sync failed; a rerun resumes from the last committed page and loses nothing. */
    public static final int SYNC_FAILED = 1;
    /** Configuration or usage error; the message says what and where. */
    public static final int CONFIG = 2;
    /** The sync finished, but some records could not be mapped and are dead letters ({@code dlq list}). */
    public static final int DEAD_LETTERS = 3;

    private ExitCode() {
    }
}
