package io.centrasync.run;

/** A configuration or usage problem: the process exits with code 2 and this one-line message. */
public class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message);
    }
}
