package org.agentaudit.read;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Map;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.json.JSONOptions;
import org.apache.spark.sql.catalyst.json.JacksonParser;
import org.apache.spark.sql.catalyst.util.FailureSafeParser;
import org.apache.spark.sql.sources.Filter;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.unsafe.types.UTF8String;
import scala.collection.Iterator;
import scala.jdk.javaapi.CollectionConverters;

/**
 * One record's UTF-8 bytes → its fields by {@link EventSchema#JSON_RECORD}, exactly what
 * {@code from_json(raw, JSON_RECORD, PERMISSIVE)} gives (a record that does not parse keeps its text
 * in {@code _corrupt_record}), but parsed from the bytes: {@code from_json} reads its string through
 * a {@code java.io.Reader}, and Spark's own file reader, which parses bytes, is ~1.4 × faster on these
 * records. Built of the parts {@code from_json} and the JSON file reader are built of (catalyst's
 * {@code JacksonParser} and {@code FailureSafeParser}, Spark internals: the pom pins their version).
 * One per task: not thread-safe, and rows it returns may be reused by the next call.
 */
final class RecordParser {
    private final FailureSafeParser<byte[]> parser;

    RecordParser() {
        Map<String, String> options = Map.of("mode", "PERMISSIVE", "columnNameOfCorruptRecord", EventSchema.CORRUPT_RECORD);
        JSONOptions json = new JSONOptions(scala.collection.immutable.Map$.MODULE$.from(CollectionConverters.asScala(options)),
                "UTC", EventSchema.CORRUPT_RECORD);
        StructType fields = new StructType(Arrays.stream(EventSchema.JSON_RECORD.fields())
                .filter(f -> !f.name().equals(EventSchema.CORRUPT_RECORD))
                .toArray(StructField[]::new));
        JacksonParser jackson = new JacksonParser(fields, json, false, CollectionConverters.asScala(java.util.List.<Filter>of()).toSeq());
        parser = new FailureSafeParser<>(
                utf8 -> jackson.parse(utf8, (factory, bytes) -> {
                    try {
                        return factory.createParser(bytes);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e); // not reached: creating a parser over bytes reads nothing
                    }
                }, UTF8String::fromBytes),
                json.parseMode(), EventSchema.JSON_RECORD, EventSchema.CORRUPT_RECORD);
    }

    /** The record's fields, or null for a record with no JSON value at all (as from_json gives). */
    InternalRow parse(byte[] utf8) {
        Iterator<InternalRow> rows = parser.parse(utf8);
        return rows.hasNext() ? rows.next() : null;
    }
}
