package org.agentaudit.read;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.agentaudit.clean.CleanEvents;
import org.agentaudit.clean.Dedupe;
import org.agentaudit.config.LabelSet;
import org.agentaudit.job.AuditJob;
import org.agentaudit.job.RunOptions;
import org.agentaudit.testing.SparkTestSession;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Parquet with the stream's nested layout, field names lower-cased as a Glue/Firehose conversion
 * writes them, gives exactly the audit rows of the same events read as JSON.
 */
class ParquetInputTest {
    @TempDir
    Path work;

    @Test
    void lowerCasedParquetGivesTheRowsOfTheJson() {
        SparkSession spark = SparkTestSession.get();
        String sample = Path.of("src/test/resources/sample/agent-events-2025-06-18.jsonl").toAbsolutePath().toString();
        Dataset<Row> inferred = spark.read().json(sample);
        List<Column> lowered = new ArrayList<>();
        for (StructField field : inferred.schema().fields()) {
            lowered.add(col(field.name()).cast(lower(field.dataType())).as(field.name().toLowerCase()));
        }
        String parquet = work.resolve("parquet").toString();
        inferred.select(lowered.toArray(Column[]::new)).write().parquet(parquet);

        LocalDate from = LocalDate.of(2025, 6, 17);
        LocalDate to = LocalDate.of(2025, 6, 19);
        assertEquals(rows(ReadEvents.json(spark, List.of(sample)), from, to),
                rows(ReadEvents.parquet(spark, List.of(parquet)), from, to));
    }

    private static List<String> rows(Dataset<Row> read, LocalDate from, LocalDate to) {
        RunOptions options = new RunOptions(List.of("unused"), "json", from, to, "unused", 1, 2, 1.0);
        Dataset<Row> records = Dedupe.apply(CleanEvents.apply(read));
        Dataset<Row> events = records.filter(col("reason").isNull().and(col("is_duplicate").equalTo(false)));
        List<String> rows = AuditJob.derive(events, options, LabelSet.named("classic"))
                .orderBy("event_date", "agent_arn", "slice_start").collectAsList().stream().map(Row::toString).toList();
        assertTrue(rows.size() > 40, "the sample gives rows: " + rows.size());
        return rows;
    }

    private static DataType lower(DataType type) {
        if (type instanceof StructType struct) {
            StructType result = new StructType();
            for (StructField f : struct.fields()) {
                result = result.add(f.name().toLowerCase(), lower(f.dataType()), f.nullable());
            }
            return result;
        }
        if (type instanceof ArrayType array) {
            return new ArrayType(lower(array.elementType()), array.containsNull());
        }
        return type;
    }
}
