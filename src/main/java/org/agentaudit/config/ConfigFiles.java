package org.agentaudit.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Finds files of the project's {@code conf/} folder: first in the checkout the launcher names
 * ({@code AGENT_AUDIT_HOME} or the {@code agent.audit.home} property), then inside the jar, which
 * bundles the same folder so that spark-submit on a cluster needs nothing beside the jar.
 */
public final class ConfigFiles {
    private ConfigFiles() {}

    /** Opens {@code conf/<relative>}, or returns empty when neither the checkout nor the jar has it. */
    public static Optional<InputStream> open(String relative) throws IOException {
        Optional<Path> home = home();
        if (home.isPresent()) {
            Path file = home.get().resolve("conf").resolve(relative);
            if (Files.isRegularFile(file)) {
                return Optional.of(Files.newInputStream(file));
            }
        }
        return Optional.ofNullable(ConfigFiles.class.getClassLoader().getResourceAsStream("conf/" + relative));
    }

    /** The checkout the launcher names, if any (its {@code conf/} wins over the jar's). */
    public static Optional<Path> home() {
        String home = System.getProperty("agent.audit.home", System.getenv("AGENT_AUDIT_HOME"));
        return home == null || home.isBlank() ? Optional.empty() : Optional.of(Path.of(home));
    }
}
