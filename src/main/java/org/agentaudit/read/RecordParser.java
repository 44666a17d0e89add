package org.agentaudit.read;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.util.JsonParserDelegate;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.json.JSONOptions;
import org.apache.spark.sql.catalyst.json.JacksonParser;
import org.apache.spark.sql.catalyst.util.FailureSafeParser;
import org.apache.spark.sql.sources.Filter;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.unsafe.Platform;
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
 *
 * <p>It can also parse an object where it lies in the reader's buffer, before anything has cut it
 * out ({@link #parseLeadingObject}): the parser then finds where the object ends itself, so its bytes
 * are scanned once, not twice (once by {@link RecordSplitter}, once here).
 *
 * <p>And it tells the JSON type of a required value whose text might not have come from a JSON string
 * ({@link #requiredAsVariant}), as {@code from_json(raw, REQUIRED_AS_VARIANT, PERMISSIVE)} would. Here in
 * the reading task rather than in the query: {@code from_json} has no generated code, so a projection
 * holding it kept Spark from fusing the reading with the clean step, and every record's fields were
 * copied twice more on the way (~19 % of the read stage's CPU samples at 10 M events).
 */
final class RecordParser {
    /** Stands in for the text of a leading object that did not parse: the splitter then cuts it out and it is parsed again. */
    private static final UTF8String NOT_PARSED = UTF8String.fromString("");
    private static final int CORRUPT = EventSchema.JSON_RECORD.fieldIndex(EventSchema.CORRUPT_RECORD);
    /** Where the required fields are in a parsed record. */
    private static final int[] REQUIRED = Arrays.stream(EventSchema.REQUIRED).mapToInt(EventSchema.JSON_RECORD::fieldIndex).toArray();
    /** The first and the last characters of text that Spark's parser makes of a number, boolean, object or array. */
    private static final String NOT_STRING_FIRST = "-+.0123456789NIft{[";
    private static final String NOT_STRING_LAST = "-+.0123456789eENFy}]";
    /** Text that Spark's parser makes of a number (NaN and the infinities included) or a boolean. */
    private static final Pattern NUMBER_OR_BOOLEAN = Pattern.compile("[-+]?[0-9.][-+0-9.eE]*|[-+]?(NaN|INF|Infinity)|true|false");

    private final FailureSafeParser<byte[]> parser;
    private final FailureSafeParser<byte[]> variantParser;
    private final FailureSafeParser<Integer> leadingObjectParser;
    private byte[] buffer;
    private int bufferEnd;
    private int parsedLength;
    private int parsedLines;
    private int leadingObjectEnd;

    RecordParser() {
        Map<String, String> options = Map.of("mode", "PERMISSIVE", "columnNameOfCorruptRecord", EventSchema.CORRUPT_RECORD);
        JSONOptions json = new JSONOptions(scala.collection.immutable.Map$.MODULE$.from(CollectionConverters.asScala(options)),
                "UTC", EventSchema.CORRUPT_RECORD);
        StructType fields = new StructType(Arrays.stream(EventSchema.JSON_RECORD.fields())
                .filter(f -> !f.name().equals(EventSchema.CORRUPT_RECORD))
                .toArray(StructField[]::new));
        JacksonParser jackson = new JacksonParser(fields, json, false, noFilters());
        parser = bytesParser(jackson, json, EventSchema.JSON_RECORD);
        variantParser = bytesParser(new JacksonParser(EventSchema.REQUIRED_AS_VARIANT, json, false, noFilters()),
                json, EventSchema.REQUIRED_AS_VARIANT);
        leadingObjectParser = new FailureSafeParser<>(
                from -> jackson.parse(from, (factory, start) -> {
                    try {
                        return inBuffer(factory.createParser(buffer, start, bufferEnd - start), start);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e); // not reached, as above
                    }
                }, unparsed -> NOT_PARSED),
                json.parseMode(), EventSchema.JSON_RECORD, EventSchema.CORRUPT_RECORD);
    }

    private static scala.collection.immutable.Seq<Filter> noFilters() {
        return CollectionConverters.asScala(java.util.List.<Filter>of()).toSeq();
    }

    /** A record's bytes → the fields {@code jackson} parses, in a row of {@code rowSchema} (which may add the corrupt-record column). */
    private static FailureSafeParser<byte[]> bytesParser(JacksonParser jackson, JSONOptions json, StructType rowSchema) {
        return new FailureSafeParser<>(
                utf8 -> jackson.parse(utf8, (factory, bytes) -> {
                    try {
                        return factory.createParser(bytes);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e); // not reached: creating a parser over bytes reads nothing
                    }
                }, UTF8String::fromBytes),
                json.parseMode(), rowSchema, EventSchema.CORRUPT_RECORD);
    }

    /**
     * The parser Spark's converters see over an object in the buffer. It tells where it is in the
     * buffer's own offsets: Jackson counts from the object's start, but Spark copies a value that is
     * not a string, put where text belongs, out of the buffer by those offsets (its exact string
     * parsing). When Spark is done with it (it closes it), it notes how far it read and over how many lines.
     */
    private JsonParser inBuffer(JsonParser parser, int start) {
        return new JsonParserDelegate(parser) {
            @Override
            public JsonLocation currentLocation() {
                return shifted(parser.currentLocation(), start);
            }

            @Override
            public JsonLocation currentTokenLocation() {
                return shifted(parser.currentTokenLocation(), start);
            }

            @Override
            public void close() throws IOException {
                parsedLength = (int) parser.currentLocation().getByteOffset(); // counted from the object's start
                parsedLines = parser.currentLocation().getLineNr();
                super.close();
            }
        };
    }

    private static JsonLocation shifted(JsonLocation location, int by) {
        return new JsonLocation(location.contentReference(), location.getByteOffset() + by, location.getCharOffset(),
                location.getLineNr(), location.getColumnNr());
    }

    /** The record's fields, or null for a record with no JSON value at all (as from_json gives). */
    InternalRow parse(byte[] utf8) {
        return first(parser.parse(utf8));
    }

    private static InternalRow first(Iterator<InternalRow> rows) {
        return rows.hasNext() ? rows.next() : null;
    }

    /**
     * The record's required fields as VARIANT ({@link EventSchema#REQUIRED_AS_VARIANT}), which tells their
     * JSON types apart, when the text {@link #parse} gave for one of them might have come from a number,
     * boolean, object or array; else null (nearly always: parsing as VARIANT costs several times more).
     *
     * @param fields what {@link #parse} or {@link #parseLeadingObject} gave for {@code utf8}
     */
    InternalRow requiredAsVariant(InternalRow fields, byte[] utf8) {
        if (fields == null) {
            return null;
        }
        for (int field : REQUIRED) {
            if (!fields.isNullAt(field) && mightNotBeString(fields.getUTF8String(field))) {
                return first(variantParser.parse(utf8));
            }
        }
        return null;
    }

    private static boolean mightNotBeString(UTF8String text) {
        int bytes = text.numBytes();
        if (bytes == 0) {
            return false;
        }
        // the first and last characters first: the pattern fails on nearly every value (ARNs, ids,
        // timestamps, event types); a byte of a non-ASCII character is in neither list
        char first = (char) Platform.getByte(text.getBaseObject(), text.getBaseOffset());
        char last = (char) Platform.getByte(text.getBaseObject(), text.getBaseOffset() + bytes - 1);
        return NOT_STRING_FIRST.indexOf(first) >= 0 && NOT_STRING_LAST.indexOf(last) >= 0
                && (first == '{' || first == '[' || NUMBER_OR_BOOLEAN.matcher(text.toString()).matches());
    }

    /**
     * The fields of the object that starts at {@code bytes[from]} (a brace) and ends before {@code to},
     * exactly as {@link #parse} gives them for its bytes, which end at {@link #leadingObjectEnd}; or null when
     * it is not a whole, well-formed object on one line (cut off by {@code to}, malformed, a field of the
     * wrong kind, a line break inside it): then nothing is decided, and the caller cuts the record out
     * itself.
     */
    InternalRow parseLeadingObject(byte[] bytes, int from, int to) {
        buffer = bytes;
        bufferEnd = to;
        parsedLength = -1;
        try {
            InternalRow row = first(leadingObjectParser.parse(from));
            if (row == null || !row.isNullAt(CORRUPT) || parsedLength <= 0 || parsedLines != 1) {
                return null;
            }
            leadingObjectEnd = from + parsedLength;
            return row;
        } finally {
            buffer = null; // the reader's buffer is not kept past the call
        }
    }

    /** Where the object {@link #parseLeadingObject} last parsed ends (exclusive), in the bytes it was given. */
    int leadingObjectEnd() {
        return leadingObjectEnd;
    }
}
