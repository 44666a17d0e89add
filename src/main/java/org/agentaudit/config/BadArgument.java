package org.agentaudit.config;

/** A problem with what the user asked for, found while running (missing input, ambiguous login): exit 2. */
public final class BadArgument extends RuntimeException {
    public BadArgument(String message) {
        super(message);
    }
}
