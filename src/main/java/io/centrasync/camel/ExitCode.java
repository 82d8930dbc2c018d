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

    /** Of two exits, the one that says more is wrong: a configuration error, a failed run, dead letters, then ok. */
    public static int worst(int a, int b) {
        return rank(a) >= rank(b) ? a : b;
    }

    private static int rank(int code) {
        return switch (code) {
            case OK -> 0;
            case DEAD_LETTERS -> 1;
            case SYNC_FAILED -> 2;
            default -> 3;
        };
    }
}
