package org.agentaudit.testing;

import org.agentaudit.job.Sessions;
import org.apache.spark.sql.SparkSession;

/** One SparkSession for the whole test JVM: starting Spark costs seconds, so every test shares it. */
public final class SparkTestSession {
    private static SparkSession spark;

    private SparkTestSession() {}

    public static synchronized SparkSession get() {
        if (spark == null) {
            spark = Sessions.create(TestProfile.profile());
        }
        return spark;
    }
}
