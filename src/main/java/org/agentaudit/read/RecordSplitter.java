package org.agentaudit.read;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.zip.GZIPInputStream;

/**
 * Cuts one input file into raw records (audit-status-rules.md section 1.1): JSON Lines and
 * back-to-back objects ({@code }{}), gzip detected by its magic bytes. It only finds where each
 * object begins and ends; parsing is Spark's {@code from_json}. The scan works on bytes: every
 * structural character is ASCII and never part of a multi-byte UTF-8 sequence, so it is safe and
 * lets each record be decoded strictly, one at a time.
 *
 * <p>A record ends at its closing brace. A line break inside an unfinished object ends it as
 * malformed (Firehose records are one line each), and reading resumes on the next line; text that
 * is not an object runs to the next line break or {@code }{} boundary. Each skipped piece is one
 * record with a reason, so nothing read disappears.
 */
public final class RecordSplitter implements Iterator<RecordSplitter.RawRecord>, AutoCloseable {
    /** Longest record kept whole; a longer one is quarantined with its first bytes. */
    static final int MAX_RECORD_BYTES = 64 << 20;

    public static final String NOT_OBJECT = "not_json_object";
    public static final String MALFORMED = "malformed_json";
    public static final String INVALID_UTF8 = "invalid_utf8";
    public static final String TRUNCATED_GZIP = "truncated_gzip";
    public static final String TOO_LARGE = "record_too_large";

    /** One record: where it starts (1-based line, 1-based byte column), its text, and why it is bad, if it is. */
    public record RawRecord(long line, long column, String text, String error) {}

    private final InputStream in;
    private final byte[] chunk = new byte[1 << 16];
    private int chunkLength;
    private int chunkPosition;
    private boolean endOfInput;
    private String streamError;

    private byte[] record = new byte[4096];
    private int recordLength;
    private long line = 1;
    private long column = 1;
    private RawRecord next;

    public RecordSplitter(InputStream raw) throws IOException {
        BufferedInputStream buffered = new BufferedInputStream(raw, 1 << 16);
        buffered.mark(2);
        int b1 = buffered.read();
        int b2 = buffered.read();
        buffered.reset();
        this.in = (b1 == 0x1f && b2 == 0x8b) ? new GZIPInputStream(buffered, 1 << 16) : buffered;
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
        if (chunkPosition == chunkLength) {
            if (endOfInput) {
                return -1;
            }
            try {
                chunkLength = in.read(chunk);
            } catch (EOFException e) {
                streamError = TRUNCATED_GZIP;
                chunkLength = -1;
            } catch (IOException e) {
                streamError = TRUNCATED_GZIP + ": " + e.getMessage();
                chunkLength = -1;
            }
            chunkPosition = 0;
            if (chunkLength <= 0) {
                chunkLength = 0;
                endOfInput = true;
                return -1;
            }
        }
        return chunk[chunkPosition++] & 0xff;
    }

    private void unread() {
        chunkPosition--;
    }

    private void append(int b) {
        if (recordLength == record.length) {
            if (record.length >= MAX_RECORD_BYTES) {
                return; // keep counting the record's extent, stop keeping its bytes
            }
            record = Arrays.copyOf(record, Math.min(MAX_RECORD_BYTES, record.length * 2));
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
                return new RawRecord(line, column, "", error);
            }
            return null;
        }
        long startLine = line;
        long startColumn = column;
        recordLength = 0;
        String error;
        if (b == '{') {
            error = scanObject(b);
        } else {
            error = scanNonObject(b);
        }
        if (recordLength >= MAX_RECORD_BYTES && error == null) {
            error = TOO_LARGE;
        }
        return decode(startLine, startColumn, error);
    }

    /** From an opening brace to its matching close, or to the line break / end that cuts it short. */
    private String scanObject(int first) {
        int depth = 0;
        boolean inString = false;
        boolean escaped = false;
        int b = first;
        while (b >= 0) {
            if (b == '\n') {
                unread();
                return MALFORMED;
            }
            append(b);
            advance(b);
            if (inString) {
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
                    return null;
                }
            }
            b = read();
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
        ByteBuffer bytes = ByteBuffer.wrap(record, 0, recordLength);
        try {
            String text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(bytes)
                    .toString();
            return new RawRecord(startLine, startColumn, text, error);
        } catch (CharacterCodingException e) {
            String text = new String(record, 0, recordLength, StandardCharsets.UTF_8);
            return new RawRecord(startLine, startColumn, text, error == null ? INVALID_UTF8 : error);
        }
    }
}
