package io.centrasync.mapping;

/**
 * One record cannot be mapped (missing required value, unconvertible value, expression error). The record goes to
 * the dead letters; the message is the reason. Carries no stack trace: it is data, and may be thrown millions of
 * times.
 */
public class RecordMappingException extends Exception {
    private final String recordKey;

    public RecordMappingException(String recordKey, String reason) {
        super(reason, null, false, false);
        this.recordKey = recordKey;
    }

    /** The root key values joined with {@code |}, or null if the key itself could not be read. */
    public String recordKey() {
        return recordKey;
    }
}
