package org.agentaudit.read;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.apache.spark.sql.catalyst.InternalRow;

/**
 * Cuts one input file into raw records (audit-status-rules.md section 1.1): JSON Lines and
 * back-to-back objects ({@code }{}), gzip detected by its magic bytes. It only finds where each
 * object begins and ends; parsing is Spark's JSON parser ({@link RecordParser}). The scan works on bytes: every
 * structural character is ASCII and never part of a multi-byte UTF-8 sequence, so it is safe and
 * lets each record be decoded strictly, one at a time.
 *
 * <p>A record ends at its closing brace. A line break inside an unfinished object ends it as
 * malformed (Firehose records are one line each), and reading resumes on the next line; text that
 * is not an object runs to the next line break or {@code }{} boundary. An unfinished object also
 * ends at a {@code }{} boundary: one found outside strings ends it at once (no valid object has
 * one there), and when a cut inside a string put the scan out of step, the piece up to the first
 * {@code }{} is the malformed record and reading resumes at that {@code {}. Each skipped piece is
 * one record with a reason, so nothing read disappears. A UTF-8 byte order mark at the start of a
 * file is skipped.
 *
 * <p>Given a {@link RecordParser}, the splitter first lets it parse an object where it lies in the
 * read buffer: a well-formed object on one line, in plain UTF-8 without single quotes (the one
 * JSON liberty of Spark's parser that could move where an object ends), ends where the parser
 * finished it, exactly where the scan below would have ended it, and its fields come parsed. Any
 * other object is scanned as described above, so the two paths cut and report every input alike.
 *
 * <p>A gzip stream that ends early or is corrupt ends the file with one {@code truncated_gzip}
 * record (the records before it are kept); any other I/O error is not a property of the data and
 * fails the read ({@link java.io.UncheckedIOException}), so Spark retries the task instead of
 * quietly losing the rest of the file.
 */
public final class RecordSplitter implements Iterator<RecordSplitter.RawRecord>, AutoCloseable {
    /** Longest record kept whole; a longer one is quarantined with its first bytes. */
    static final int MAX_RECORD_BYTES = 64 << 20;

    public static final String NOT_OBJECT = "not_json_object";
    public static final String MALFORMED = "malformed_json";
    public static final String INVALID_UTF8 = "invalid_utf8";
    public static final String TRUNCATED_GZIP = "truncated_gzip";
    public static final String TOO_LARGE = "record_too_large";

    /**
     * One record: where it starts (1-based line, 1-based byte column), its text as UTF-8 bytes, why
     * it is bad, if it is, and its fields if the parser parsed it in place (else null). The bytes go to
     * Spark as they are (a String would be decoded here only to be encoded again into Spark's UTF-8 strings).
     */
    public record RawRecord(long line, long column, byte[] utf8, String error, InternalRow parsed) {
        public String text() {
            return new String(utf8, StandardCharsets.UTF_8);
        }
    }

    private static final JsonFactory JSON = new JsonFactory();
    /** Bytes read at a time; an object is parsed in place when the buffer holds at least {@link #PARSE_AHEAD} of them from its start. */
    private static final int BUFFER_BYTES = 1 << 18;
    private static final int PARSE_AHEAD = 1 << 16;
    /** Eight bytes of a record at a time, for the ASCII and quote checks. */
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private final int maxRecordBytes;
    private final RecordParser parser;
    private InputStream in;
    private boolean gzip;
    private final byte[] chunk = new byte[BUFFER_BYTES];
    private int chunkLength;
    private int chunkPosition;
    private boolean endOfInput;
    private String streamError;

    private byte[] record = new byte[4096];
    private int recordLength;
    private boolean overflow; // the record was longer than maxRecordBytes: only its first bytes are kept
    private byte[] pushback; // bytes of a cut-short record read again before the stream goes on
    private int pushbackPosition;
    private boolean fromPushback;
    private long line = 1;
    private long column = 1;
    private RawRecord next;

    /** @param parser parses objects in place (null: records are only cut out, not parsed) */
    RecordSplitter(InputStream raw, RecordParser parser) throws IOException {
        this(raw, MAX_RECORD_BYTES, parser);
    }

    /** With a smaller record limit, for tests. */
    RecordSplitter(InputStream raw, int maxRecordBytes, RecordParser parser) throws IOException {
        this.maxRecordBytes = maxRecordBytes;
        this.parser = parser;
        BufferedInputStream buffered = new BufferedInputStream(raw, 1 << 16);
        buffered.mark(2);
        int b1 = buffered.read();
        int b2 = buffered.read();
        buffered.reset();
        this.in = buffered;
        if (b1 == 0x1f && b2 == 0x8b) {
            gzip = true;
            try {
                this.in = new GZIPInputStream(buffered, 1 << 16);
            } catch (EOFException | ZipException e) {
                // the gzip header itself is cut short or broken: nothing of the file can be read
                streamError = TRUNCATED_GZIP + ": " + e.getMessage();
                endOfInput = true;
            }
        }
        skipByteOrderMark();
    }

    private void skipByteOrderMark() {
        int b = read();
        if (b != 0xef) {
            if (b >= 0) {
                unread();
            }
            return;
        }
        byte[] seen = {(byte) 0xef, 0, 0};
        int n = 1;
        while (n < 3 && (b = read()) >= 0) {
            seen[n++] = (byte) b;
        }
        if (n == 3 && (seen[1] & 0xff) == 0xbb && (seen[2] & 0xff) == 0xbf) {
            return;
        }
        pushback = Arrays.copyOf(seen, n); // not a byte order mark: read these bytes as they are
        pushbackPosition = 0;
    }

    @Override
    public boolean hasNext() {
        if (next == null) {
            next = scan();
        }
        return next != null;
    }

    @Override
    public RawRecord next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        RawRecord result = next;
        next = null;
        return result;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    /** The next byte, or -1 at the end; a broken gzip stream ends the input and is remembered. */
    private int read() {
        if (pushback != null) {
            if (pushbackPosition < pushback.length) {
                fromPushback = true;
                return pushback[pushbackPosition++] & 0xff;
            }
            pushback = null;
        }
        fromPushback = false;
        if (chunkPosition == chunkLength) {
            chunkPosition = 0;
            chunkLength = 0;
            if (!fill()) {
                return -1;
            }
        }
        return chunk[chunkPosition++] & 0xff;
    }

    /** Reads more of the input after the buffer's bytes; false at the end (a broken gzip stream ends it and is remembered). */
    private boolean fill() {
        if (endOfInput) {
            return false;
        }
        int n;
        try {
            n = in.read(chunk, chunkLength, chunk.length - chunkLength);
        } catch (EOFException | ZipException e) {
            if (!gzip) {
                throw new UncheckedIOException(e);
            }
            streamError = TRUNCATED_GZIP + ": " + e.getMessage();
            n = -1;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the input: " + e.getMessage(), e);
        }
        if (n <= 0) {
            endOfInput = true;
            return false;
        }
        chunkLength += n;
        return true;
    }

    /** Steps back over the byte just read (never called after the end was reached). */
    private void unread() {
        if (fromPushback) {
            pushbackPosition--;
        } else {
            chunkPosition--;
        }
    }

    private void append(int b) {
        if (recordLength >= maxRecordBytes) {
            overflow = true; // keep counting the record's extent, stop keeping its bytes
            return;
        }
        if (recordLength == record.length) {
            record = Arrays.copyOf(record, Math.min(maxRecordBytes, record.length * 2));
        }
        record[recordLength++] = (byte) b;
    }

    private RawRecord scan() {
        int b = read();
        while (b == ' ' || b == '\t' || b == '\r' || b == '\n') {
            advance(b);
            b = read();
        }
        if (b < 0) {
            if (streamError != null) {
                String error = streamError;
                streamError = null; // reported once, as a record of its own
                return new RawRecord(line, column, new byte[0], error, null);
            }
            return null;
        }
        long startLine = line;
        long startColumn = column;
        recordLength = 0;
        overflow = false;
        String error;
        if (b == '{') {
            RawRecord parsed = parseInPlace(startLine, startColumn);
            if (parsed != null) {
                return parsed;
            }
            error = scanObject(b, startColumn);
        } else {
            error = scanNonObject(b);
        }
        if (overflow) {
            error = TOO_LARGE;
        }
        return decode(startLine, startColumn, error);
    }

    /**
     * The object whose opening brace was just read, parsed where it lies in the buffer, if it is one
     * the scan would cut out whole and unchanged (see the class comment); else null, nothing consumed.
     */
    private RawRecord parseInPlace(long startLine, long startColumn) {
        if (parser == null || fromPushback || pushback != null) {
            return null;
        }
        int start = chunkPosition - 1;
        if (chunkLength - start < PARSE_AHEAD && !endOfInput) {
            // move what is left to the front and read on, so that the whole object is likely in the buffer
            System.arraycopy(chunk, start, chunk, 0, chunkLength - start);
            chunkLength -= start;
            chunkPosition = 1;
            start = 0;
            while (chunkLength < chunk.length && fill()) {
                // GZIPInputStream hands out a little at a time
            }
        }
        InternalRow fields = parser.parseLeadingObject(chunk, start, chunkLength);
        if (fields == null) {
            return null;
        }
        int end = parser.leadingObjectEnd();
        if (end - start > maxRecordBytes || !isValidUtf8(chunk, start, end, true)) {
            return null;
        }
        chunkPosition = end;
        column += end - start; // one line: no line break inside
        return new RawRecord(startLine, startColumn, Arrays.copyOfRange(chunk, start, end), null, fields);
    }

    /** From an opening brace to its matching close, or to the line break / boundary / end that cuts it short. */
    private String scanObject(int first, long startColumn) {
        int depth = 0;
        boolean inString = false;
        boolean escaped = false;
        int previous = -1; // the last byte outside strings that is not white space
        int last = -1; // the last byte
        boolean boundaryInString = false; // a "}{" inside what the scan takes for a string
        int b = first;
        while (b >= 0) {
            if (b == '\n') {
                unread();
                return unfinished(startColumn);
            }
            if (!inString && b == '{' && previous == '}') {
                unread(); // "}{" outside strings: no object has one, so this one was cut short
                return unfinished(startColumn);
            }
            append(b);
            advance(b);
            if (inString) {
                boundaryInString |= b == '{' && last == '}';
                if (escaped) {
                    escaped = false;
                } else if (b == '\\') {
                    escaped = true;
                } else if (b == '"') {
                    inString = false;
                }
            } else if (b == '"') {
                inString = true;
            } else if (b == '{') {
                depth++;
            } else if (b == '}') {
                depth--;
                if (depth == 0) {
                    return boundaryInString && hidesABoundary() ? unfinished(startColumn) : null;
                }
            }
            if (!inString && b != ' ' && b != '\t' && b != '\r') {
                previous = b;
            }
            last = b;
            if (inString && !escaped) {
                int skipped = copyPlainStringBytes();
                if (skipped >= 0) {
                    last = skipped;
                }
            }
            b = read();
        }
        return unfinished(startColumn);
    }

    /**
     * Inside a string, copies the bytes up to the next one that matters to the scan ({@code "},
     * {@code \}, <code>{</code> or a line break) in one go: most of a record is string text, and
     * this loop is several times faster than the byte-by-byte one. Returns the last byte copied, or -1.
     */
    private int copyPlainStringBytes() {
        if (pushback != null) {
            return -1;
        }
        byte[] bytes = chunk;
        int start = chunkPosition;
        int end = chunkLength;
        int p = start;
        while (p < end) {
            byte x = bytes[p];
            if (x == '"' || x == '\\' || x == '{' || x == '\n') {
                break;
            }
            p++;
        }
        int n = p - start;
        if (n == 0) {
            return -1;
        }
        int kept = Math.min(n, maxRecordBytes - recordLength);
        if (kept < n) {
            overflow = true; // as append(): the rest only counts towards the record's extent
        }
        if (kept > 0) {
            if (recordLength + kept > record.length) {
                record = Arrays.copyOf(record, Math.min(maxRecordBytes, Math.max(record.length * 2, recordLength + kept)));
            }
            System.arraycopy(bytes, start, record, recordLength, kept);
            recordLength += kept;
        }
        chunkPosition = p;
        column += n;
        return bytes[p - 1] & 0xff;
    }

    /**
     * A whole-looking object that holds a "}{" and is not well-formed JSON: a record cut inside a
     * string put the scan out of step with the quotes until the braces happened to balance. Only
     * such rare records (a "}{" inside what the scan took for a string) are checked here
     * (well-formedness only; parsing stays with Spark's parser).
     */
    private boolean hidesABoundary() {
        if (overflow || firstBoundary() < 0) {
            return false;
        }
        try (JsonParser parser = JSON.createParser(record, 0, recordLength)) {
            while (parser.nextToken() != null) {
                // tokens only: a syntax error is all this looks for
            }
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    /** Index of the '{' of the first "}{" in the record's bytes, or -1. */
    private int firstBoundary() {
        for (int i = 1; i < recordLength; i++) {
            if (record[i] == '{' && record[i - 1] == '}') {
                return i;
            }
        }
        return -1;
    }

    /**
     * An object cut short (by a line break, a "}{" boundary or the end of the input). It ends at the
     * first "}{" of its text, if it holds one (a cut inside a string puts the scan out of step with
     * the quotes, so the true boundary can lie before the one that was seen), and the rest is read again.
     */
    private String unfinished(long startColumn) {
        int cut = overflow ? -1 : firstBoundary();
        if (cut > 0) {
            byte[] rest = Arrays.copyOfRange(record, cut, recordLength);
            if (pushback != null) { // still reading an earlier pushback: its unread bytes come after these
                byte[] pending = Arrays.copyOfRange(pushback, pushbackPosition, pushback.length);
                rest = Arrays.copyOf(rest, rest.length + pending.length);
                System.arraycopy(pending, 0, rest, rest.length - pending.length, pending.length);
            }
            pushback = rest;
            pushbackPosition = 0;
            recordLength = cut;
            column = startColumn + cut; // a record never spans lines: only the column goes back
            return MALFORMED;
        }
        if (streamError != null) {
            String error = streamError;
            streamError = null;
            return error;
        }
        return MALFORMED;
    }

    /** Text that does not start an object: up to the next line break or the next "}{" boundary. */
    private String scanNonObject(int first) {
        int previous = -1;
        int b = first;
        while (b >= 0 && b != '\n') {
            if (b == '{' && previous == '}') {
                unread();
                break;
            }
            append(b);
            advance(b);
            previous = b;
            b = read();
        }
        if (b == '\n') {
            unread();
        }
        return NOT_OBJECT;
    }

    private void advance(int b) {
        if (b == '\n') {
            line++;
            column = 1;
        } else {
            column++;
        }
    }

    private RawRecord decode(long startLine, long startColumn, String error) {
        try {
            byte[] utf8 = Arrays.copyOf(record, recordLength);
            return isValidUtf8(utf8, 0, utf8.length, false) ? new RawRecord(startLine, startColumn, utf8, error, null)
                    : new RawRecord(startLine, startColumn, new String(utf8, StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_8),
                            error == null ? INVALID_UTF8 : error, null);
        } finally {
            if (record.length > 1 << 20) {
                record = new byte[4096]; // a huge record does not pin its buffer for the rest of the file
            }
        }
    }

    /**
     * Valid UTF-8 (and, if asked, without a single quote), checked eight bytes at a time: ASCII has no
     * high bit set, and only a record with other bytes goes through the strict decoder.
     */
    private static boolean isValidUtf8(byte[] bytes, int from, int to, boolean withoutSingleQuote) {
        int i = from;
        long highBits = 0;
        long quotes = 0;
        // two words a step, into two pairs of accumulators that do not wait on each other
        long highBits2 = 0;
        long quotes2 = 0;
        for (; i + 2 * Long.BYTES <= to; i += 2 * Long.BYTES) {
            long word = (long) LONGS.get(bytes, i);
            long word2 = (long) LONGS.get(bytes, i + Long.BYTES);
            highBits |= word;
            highBits2 |= word2;
            quotes |= singleQuoteBytes(word);
            quotes2 |= singleQuoteBytes(word2);
        }
        highBits |= highBits2;
        quotes |= quotes2;
        for (; i + Long.BYTES <= to; i += Long.BYTES) {
            long word = (long) LONGS.get(bytes, i);
            highBits |= word;
            quotes |= singleQuoteBytes(word);
        }
        for (; i < to; i++) {
            highBits |= bytes[i];
            quotes |= bytes[i] == '\'' ? 0x80 : 0;
        }
        if (withoutSingleQuote && (quotes & 0x8080808080808080L) != 0) {
            return false;
        }
        return (highBits & 0x8080808080808080L) == 0 || isStrictUtf8(bytes, from, to);
    }

    /** The high bit set in each byte of {@code word} that is a single quote (and perhaps in bytes above one). */
    private static long singleQuoteBytes(long word) {
        long x = word ^ 0x2727272727272727L; // a zero byte where a byte is '\''
        return (x - 0x0101010101010101L) & ~x;
    }

    private static boolean isStrictUtf8(byte[] bytes, int from, int to) {
        try {
            StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, from, to - from));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }
}
