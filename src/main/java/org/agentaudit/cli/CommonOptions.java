package org.agentaudit.cli;

import java.nio.file.Path;
import java.util.Optional;
import org.agentaudit.config.BadArgument;
import org.agentaudit.config.LabelSet;
import org.agentaudit.config.Profile;
import org.agentaudit.job.Sessions;
import org.agentaudit.report.LocalDay;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Option;

/** Options every command that touches the table shares: the profile. */
final class CommonOptions {
    @Option(names = "--conf", paramLabel = "FILE",
            description = "Profile file (default: conf/<$AGENT_AUDIT_PROFILE or local>.properties).")
    Path conf;

    private Profile profile;

    Profile profile() {
        if (profile == null) {
            try {
                profile = Profile.load(Optional.ofNullable(conf));
            } catch (IllegalArgumentException e) {
                throw new BadArgument(e.getMessage());
            }
        }
        return profile;
    }

    SparkSession spark() {
        return Sessions.create(profile());
    }

    static LabelSet labels(String name) {
        try {
            return LabelSet.named(name);
        } catch (IllegalArgumentException e) {
            throw new BadArgument(e.getMessage());
        }
    }

    static java.time.ZoneId zone(String name) {
        return LocalDay.zone(name);
    }
}
