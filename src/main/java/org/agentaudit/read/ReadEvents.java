package org.agentaudit.read;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.to_json;
import static org.apache.spark.sql.functions.when;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Function;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.unsafe.types.UTF8String;
import org.apache.spark.util.SerializableConfiguration;

/**
 * Step "read": input files → one row per record, parsed with the explicit schema. Both formats give
 * the same columns: {@code file_index} (the record's file, by its place in the list of files read:
 * a number rather than the name, which is ~100 bytes that every record would carry through the
 * shuffle, the sorts and the cache; {@link #withSourceFile} puts the name back where a person reads
 * it), {@code line}, {@code column}, {@code raw} (the record's
 * text, for quarantine), {@code read_error}, the four required fields as text with their JSON type
 * ({@code <Field>} and {@code <Field>_type}), {@code corrupt} and {@code snapshot}.
 */
public final class ReadEvents {
    /**
     * What the reading task gives: each record's position, text, read error, its fields parsed, and
     * (rarely) its required fields as VARIANT ({@link RecordParser#requiredAsVariant}).
     */
    private static final StructType RECORDS = new StructType()
            .add("file_index", DataTypes.IntegerType)
            .add("line", DataTypes.LongType)
            .add("column", DataTypes.LongType)
            .add("raw", DataTypes.StringType)
            .add("read_error", DataTypes.StringType)
            .add("record", EventSchema.JSON_RECORD)
            .add("typed", EventSchema.REQUIRED_AS_VARIANT);

    private ReadEvents() {}

    /** JSON Lines or back-to-back objects, gzip'd or not. */
    public static Dataset<Row> json(SparkSession spark, List<String> files) {
        List<Column> columns = new ArrayList<>(List.of(col("file_index"), col("line"), col("column"), col("raw"), col("read_error")));
        // Spark's parser turns any JSON value of a text field into text (7 becomes "7"); where that
        // text might not have come from a string, the reader parsed the required fields again as
        // VARIANT ("typed"), which tells their JSON types apart
        for (String field : EventSchema.REQUIRED) {
            Column text = col("record." + field);
            Column variant = col("typed." + field);
            columns.add(when(col("typed").isNull(), text).otherwise(expr("variant_get(typed." + field + ", '$', 'string')")).as(field));
            columns.add(when(col("typed").isNull(), when(text.isNotNull(), lit("STRING")))
                    .otherwise(when(variant.isNotNull(), expr("schema_of_variant(typed." + field + ")"))).as(field + "_type"));
        }
        columns.add(col("record." + EventSchema.CORRUPT_RECORD).isNotNull().as("corrupt"));
        columns.add(col("record.CurrentAgentSnapshot").as("snapshot"));
        return records(spark, files).select(columns.toArray(Column[]::new));
    }

    /** Parquet with the stream's nested layout; a record's raw text is its JSON rendering. */
    public static Dataset<Row> parquet(SparkSession spark, List<String> files) {
        if (files.isEmpty()) {
            return json(spark, files);
        }
        // the listed names are files, not patterns: no globbing, so [ ] { } * ? in a name are plain characters
        Dataset<Row> records = spark.read().schema(EventSchema.PARQUET_RECORD).option("__globPaths__", "false")
                .parquet(files.toArray(String[]::new));
        List<Column> columns = new ArrayList<>(List.of(
                col("_metadata.file_path").as("file_uri"),
                col("_metadata.row_index").plus(1).as("line"),
                lit(1L).as("column"),
                to_json(struct(col("*"))).as("raw"),
                lit(null).cast(DataTypes.StringType).as("read_error")));
        for (String field : EventSchema.REQUIRED) {
            columns.add(col(field));
            columns.add(when(col(field).isNotNull(), lit("STRING")).as(field + "_type"));
        }
        columns.add(lit(false).as("corrupt"));
        columns.add(col("CurrentAgentSnapshot").as("snapshot"));
        // a file Spark named otherwise than its URI in the listing would get no index: the run's
        // accounting fails then (AuditJob), rather than lose its records
        Dataset<Row> rows = records.select(columns.toArray(Column[]::new))
                .join(broadcast(listedFiles(spark, files, "file_uri", f -> new Path(f).toUri().toString())),
                        new String[] {"file_uri"}, "left");
        List<Column> numbered = new ArrayList<>();
        numbered.add(col("file_index"));
        for (String column : rows.columns()) {
            if (!column.equals("file_uri") && !column.equals("file_index")) {
                numbered.add(col(column));
            }
        }
        return rows.select(numbered.toArray(Column[]::new));
    }

    /** The records with {@code source_file}, the name of their file as listed, in place of {@code file_index}. */
    public static Dataset<Row> withSourceFile(Dataset<Row> records, List<String> files) {
        Dataset<Row> named = records.join(broadcast(listedFiles(records.sparkSession(), files, "source_file", f -> f)), "file_index");
        List<Column> columns = new ArrayList<>();
        for (String column : records.columns()) {
            columns.add(col(column.equals("file_index") ? "source_file" : column));
        }
        return named.select(columns.toArray(Column[]::new));
    }

    /**
     * Each listed file's index with a name for it: as listed, or (Parquet) the URI that Spark's
     * {@code _metadata.file_path} gives (URL-encoded: a space is {@code %20}).
     */
    private static Dataset<Row> listedFiles(SparkSession spark, List<String> files, String nameColumn,
                                            Function<String, String> name) {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            rows.add(RowFactory.create(i, name.apply(files.get(i))));
        }
        return spark.createDataFrame(rows, new StructType()
                .add("file_index", DataTypes.IntegerType, false)
                .add(nameColumn, DataTypes.StringType, false));
    }

    /**
     * Files → records, each file streamed once by one task (no file is split: gzip can't be), each
     * record parsed by {@link RecordParser} in the same task unless it could not be read (most of them
     * where they lie in the splitter's buffer, so that their bytes are scanned once). Files are
     * opened by their listed names, never through a path pattern: a name with a comma or a glob
     * character ({@code [ ] { } * ?}) is read like any other.
     */
    private static Dataset<Row> records(SparkSession spark, List<String> files) {
        if (files.isEmpty()) {
            return spark.createDataFrame(List.of(), RECORDS);
        }
        // rows made in the task itself (InternalRow), not Rows for Spark to convert one field at a time
        return ((org.apache.spark.sql.classic.SparkSession) spark).internalCreateDataFrame(split(spark, files).rdd(), RECORDS, false);
    }

    private static JavaRDD<InternalRow> split(SparkSession spark, List<String> files) {
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        int partitions = Math.max(1, Math.min(files.size(), jsc.defaultParallelism() * 4));
        SerializableConfiguration hadoop = new SerializableConfiguration(spark.sparkContext().hadoopConfiguration());
        List<Integer> indexes = java.util.stream.IntStream.range(0, files.size()).boxed().toList();
        List<String> names = List.copyOf(files);
        return jsc.parallelize(indexes, partitions).flatMap(index -> split(index, names.get(index), hadoop));
    }

    private static Iterator<InternalRow> split(int fileIndex, String name, SerializableConfiguration hadoop) throws IOException {
        Path path = new Path(name);
        InputStream in = path.getFileSystem(hadoop.value()).open(path);
        RecordParser parser = new RecordParser();
        RecordSplitter splitter;
        try {
            splitter = new RecordSplitter(in, parser);
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                boolean more = splitter.hasNext();
                if (!more) {
                    try {
                        splitter.close();
                    } catch (IOException ignored) {
                        // the records are all read; a failing close loses nothing
                    }
                }
                return more;
            }

            @Override
            public InternalRow next() {
                RecordSplitter.RawRecord r = splitter.next();
                InternalRow fields = r.parsed() != null ? r.parsed() : r.error() == null ? parser.parse(r.utf8()) : null;
                return new GenericInternalRow(new Object[] {fileIndex, r.line(), r.column(), UTF8String.fromBytes(r.utf8()),
                        r.error() == null ? null : UTF8String.fromString(r.error()), fields, parser.requiredAsVariant(fields, r.utf8())});
            }
        };
    }
}
