package org.agentaudit.job;

import java.io.PrintStream;
import java.time.Duration;

/** Progress lines a person can follow (to stderr, so stdout stays the result). */
public final class Progress {
    private final PrintStream out;
    private final long started = System.nanoTime();

    public Progress(PrintStream out) {
        this.out = out;
    }

    public static Progress silent() {
        return new Progress(new PrintStream(java.io.OutputStream.nullOutputStream()));
    }

    public void step(String message) {
        out.printf("[%s] %s%n", elapsed(), message);
    }

    public void warn(String message) {
        out.printf("[%s] warning: %s%n", elapsed(), message);
    }

    public String elapsed() {
        Duration d = Duration.ofNanos(System.nanoTime() - started);
        return String.format("%d:%02d:%02d", d.toHours(), d.toMinutesPart(), d.toSecondsPart());
    }
}
