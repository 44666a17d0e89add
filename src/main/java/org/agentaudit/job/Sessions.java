package org.agentaudit.job;

import java.util.Map;
import org.agentaudit.config.Profile;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/** The SparkSession of a run: Delta enabled, UTC session time, the profile's Spark settings. */
public final class Sessions {
    private Sessions() {}

    public static SparkSession create(Profile profile) {
        SparkConf conf = new SparkConf(); // picks up spark-submit's settings, which win over the profile's
        for (Map.Entry<String, String> setting : profile.sparkSettings().entrySet()) {
            conf.setIfMissing(setting.getKey(), setting.getValue());
        }
        s3FromEnvironment(conf);
        conf.setIfMissing("spark.app.name", "agent-audit");
        conf.set("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension");
        conf.set("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog");
        // The rules are about UTC instants; local times are only formatted at the report's edge.
        conf.set("spark.sql.session.timeZone", "UTC");
        conf.setIfMissing("spark.sql.adaptive.enabled", "true");
        // Timestamps as Parquet's standard INT64 microseconds, not the legacy INT96 (Spark's default):
        // what other Parquet and Delta readers expect, and the 12-byte values' dictionary costs the write.
        conf.setIfMissing("spark.sql.parquet.outputTimestampType", "TIMESTAMP_MICROS");
        // The audit table's ids and instants are (nearly) unique to a row: Parquet gives up on their
        // dictionary anyway and writes them plain, after building it for every file.
        for (String column : new String[] {"interval_id", "start_event_id", "interval_start", "interval_end", "slice_start", "slice_end"}) {
            conf.setIfMissing("spark.hadoop.parquet.enable.dictionary#" + column, "false");
        }
        FaultInjection.configure(conf); // a test hook: changes nothing unless -Dagent.audit.pauseAt=commit
        SparkSession spark = SparkSession.builder().config(conf).getOrCreate();
        spark.sparkContext().setLogLevel(System.getProperty("agent.audit.spark.log", "WARN"));
        return spark;
    }

    /**
     * A local S3-compatible server's endpoint and static keys come from the environment only, so they
     * are never written to conf/ or printed; on real AWS none is set and S3A uses the default chain.
     */
    private static void s3FromEnvironment(SparkConf conf) {
        String endpoint = System.getenv("AGENT_AUDIT_S3_ENDPOINT");
        if (endpoint == null || endpoint.isBlank()) {
            return;
        }
        conf.setIfMissing("spark.hadoop.fs.s3a.endpoint", endpoint);
        conf.setIfMissing("spark.hadoop.fs.s3a.path.style.access", "true");
        // An S3-compatible server ignores the region, but the signature needs one. (On AWS, with no
        // endpoint set, S3A takes AWS_REGION or fs.s3a.endpoint.region, else follows the bucket's region.)
        conf.setIfMissing("spark.hadoop.fs.s3a.endpoint.region", "us-east-1");
        conf.setIfMissing("spark.hadoop.fs.s3a.connection.ssl.enabled", String.valueOf(endpoint.startsWith("https")));
        String key = System.getenv("AWS_ACCESS_KEY_ID");
        String secret = System.getenv("AWS_SECRET_ACCESS_KEY");
        if (key != null && secret != null) {
            conf.setIfMissing("spark.hadoop.fs.s3a.aws.credentials.provider", "org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider");
            conf.setIfMissing("spark.hadoop.fs.s3a.access.key", key);
            conf.setIfMissing("spark.hadoop.fs.s3a.secret.key", secret);
        }
    }
}
