package io.centrasync.run;

/** A record that could not be mapped: its key (if known), why, and the record as Centra sent it. */
public record DeadLetter(String recordKey, String reason, String payload) {
}
