package org.agentaudit.read;

import static org.agentaudit.read.RecordSplitter.INVALID_UTF8;
import static org.agentaudit.read.RecordSplitter.MALFORMED;
import static org.agentaudit.read.RecordSplitter.NOT_OBJECT;
import static org.agentaudit.read.RecordSplitter.TOO_LARGE;
import static org.agentaudit.read.RecordSplitter.TRUNCATED_GZIP;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

/**
 * The splitter on hand-made bytes (audit-status-rules.md section 1.1): every record comes out with
 * its position and, when it is bad, its reason; nothing read disappears. Records are shown as
 * {@code line:column reason|text} (reason {@code ok} for a good one) so a failure reads at a glance.
 */
class RecordSplitterTest {
    private static final String A = "{\"EventId\":\"a\"}";
    private static final String B = "{\"EventId\":\"b\",\"CurrentAgentSnapshot\":{\"AgentStatus\":{\"Name\":\"x}{y\"}}}";
    private static final String C = "{\"EventId\":\"c\"}";

    private static List<String> split(byte[] bytes) {
        return split(bytes, RecordSplitter.MAX_RECORD_BYTES);
    }

    /**
     * The records as the scan alone cuts them; every test also checks that with a parser (objects
     * parsed in place where they lie in the buffer) the same records come out, each with the fields
     * the parser gives for its bytes.
     */
    private static List<String> split(byte[] bytes, int maxRecordBytes) {
        List<String> scanned = shown(records(bytes, maxRecordBytes, null));
        RecordParser parser = new RecordParser();
        List<RecordSplitter.RawRecord> parsedInPlace = records(bytes, maxRecordBytes, parser);
        assertEquals(scanned, shown(parsedInPlace), "with objects parsed in place");
        for (RecordSplitter.RawRecord r : parsedInPlace) {
            if (r.parsed() != null) {
                assertEquals(String.valueOf(new RecordParser().parse(r.utf8())), String.valueOf(r.parsed()), "fields of " + r.text());
            }
        }
        return scanned;
    }

    /** The records, each parsed one as its fields were then (a parser may reuse its rows). */
    private static List<RecordSplitter.RawRecord> records(byte[] bytes, int maxRecordBytes, RecordParser parser) {
        try (RecordSplitter splitter = new RecordSplitter(new ByteArrayInputStream(bytes), maxRecordBytes, parser)) {
            List<RecordSplitter.RawRecord> records = new ArrayList<>();
            splitter.forEachRemaining(r -> records.add(r.parsed() == null ? r
                    : new RecordSplitter.RawRecord(r.line(), r.column(), r.utf8(), r.error(), r.parsed().copy())));
            return records;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> shown(List<RecordSplitter.RawRecord> records) {
        return records.stream()
                .map(r -> r.line() + ":" + r.column() + " " + (r.error() == null ? "ok" : r.error()) + "|" + r.text())
                .toList();
    }

    private static List<String> split(String text) {
        return split(text.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] gzip(String text) {
        return org.agentaudit.testing.Firehose.gzip(text);
    }

    @Test
    void jsonLinesWithBlankLinesCrLfAndIndentation() {
        assertEquals(List.of(
                        "1:1 ok|" + A,
                        "3:3 ok|" + B,
                        "4:1 ok|" + C),
                split(A + "\r\n\r\n  " + B + "\r\n" + C));
    }

    @Test
    void backToBackObjectsKeepTheirColumns() {
        int b = A.length() + 1;
        int c = b + B.length();
        assertEquals(List.of("1:1 ok|" + A, "1:" + b + " ok|" + B, "1:" + c + " ok|" + C, "2:1 ok|" + A),
                split(A + B + C + "\n" + A + "\n"));
    }

    @Test
    void aBrokenLineInJsonLinesIsOneRecordAndReadingGoesOnAtTheNextLine() {
        String cut = "{\"EventId\":\"x\",\"CurrentAgentSnapshot\":{\"AgentStatus\":{\"Name\":\"Lun";
        String invalid = "{\"EventId\": }";
        assertEquals(List.of(
                        "1:1 ok|" + A,
                        "2:1 " + MALFORMED + "|" + cut,
                        "3:1 ok|" + B,
                        // balanced but invalid: the splitter passes it on, from_json rejects it
                        "4:1 ok|" + invalid,
                        "5:1 ok|" + C),
                split(A + "\n" + cut + "\n" + B + "\n" + invalid + "\n" + C + "\n"));
    }

    @Test
    void anObjectCutShortInABackToBackFileEndsAtTheNextBoundary() {
        // cut between fields: the "}{" is outside any string
        String cut = "{\"EventId\":\"x\",\"CurrentAgentSnapshot\":{\"AgentStatus\":{\"Name\":\"Lunch\"}";
        int b = A.length() + cut.length() + 1;
        int c = b + B.length();
        assertEquals(List.of(
                        "1:1 ok|" + A,
                        "1:" + (A.length() + 1) + " " + MALFORMED + "|" + cut,
                        "1:" + b + " ok|" + B,
                        "1:" + c + " ok|" + C),
                split(A + cut + B + C));
    }

    @Test
    void anObjectCutInsideAStringInABackToBackFileEndsAtTheFirstBoundary() {
        // cut inside a string: the scan is out of step with the quotes, so the boundary is found
        // when the line ends; B's own "x}{y" (inside a string) is not a boundary in a whole record
        String cut = "{\"EventId\":\"x\",\"EventType\":\"STATE_CHA";
        int a2 = cut.length() + 1;
        int b = a2 + A.length();
        int c = b + B.length();
        assertEquals(List.of(
                        "1:1 " + MALFORMED + "|" + cut + "}",
                        "1:" + (a2 + 1) + " ok|" + A.substring(0),
                        "1:" + (b + 1) + " ok|" + B,
                        "1:" + (c + 1) + " ok|" + C,
                        "2:1 ok|" + A),
                split(cut + "}" + A + B + C + "\n" + A));
    }

    @Test
    void textThatIsNotAnObjectRunsToTheLineEndOrTheNextBoundary() {
        assertEquals(List.of(
                        "1:1 " + NOT_OBJECT + "|[1,2]",
                        "2:1 " + NOT_OBJECT + "|\"x\"",
                        "3:1 " + NOT_OBJECT + "|42",
                        "4:1 " + NOT_OBJECT + "|null",
                        "5:1 " + NOT_OBJECT + "|oops}",
                        "5:6 ok|" + A,
                        // trailing text after a whole object is a record of its own
                        "6:1 ok|" + A,
                        "6:" + (A.length() + 2) + " " + NOT_OBJECT + "|garbage"),
                split("[1,2]\n\"x\"\n42\nnull\noops}" + A + "\n" + A + " garbage\n"));
    }

    @Test
    void emptyAndWhiteSpaceOnlyInputHasNoRecords() {
        assertEquals(List.of(), split(""));
        assertEquals(List.of(), split(" \n\n\t \r\n  "));
        assertEquals(List.of(), split(gzip("")));
        assertEquals(List.of(), split(gzip("\n \n")));
    }

    @Test
    void gzipIsFoundByItsContent() {
        assertEquals(List.of("1:1 ok|" + A, "1:" + (A.length() + 1) + " ok|" + C, "2:1 ok|" + B),
                split(gzip(A + C + "\n" + B + "\n")));
    }

    @Test
    void aTruncatedGzipKeepsWhatWasWholeAndEndsWithOneRecord() throws IOException {
        // A and B flushed whole, then C is written and the file is cut a few bytes after the flush
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        GZIPOutputStream out = new GZIPOutputStream(bytes, true);
        out.write((A + "\n" + B + "\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
        int flushed = bytes.size();
        out.write((C + "\n").repeat(50).getBytes(StandardCharsets.UTF_8));
        out.finish();
        byte[] cut = Arrays.copyOf(bytes.toByteArray(), flushed + 6);

        List<String> records = split(cut);
        assertEquals(List.of("1:1 ok|" + A, "2:1 ok|" + B), records.subList(0, 2));
        assertEquals(3, records.size(), records.toString());
        assertTrue(records.get(2).startsWith("3:1 " + TRUNCATED_GZIP), records.get(2));
    }

    @Test
    void aGzipCutInsideAnObjectQuarantinesThatObject() throws IOException {
        byte[] whole = gzip((A + "\n").repeat(2000));
        List<String> records = split(Arrays.copyOf(whole, whole.length / 2));
        String last = records.get(records.size() - 1);
        assertTrue(last.startsWith(records.size() + ":1 " + TRUNCATED_GZIP), last);
        records.subList(0, records.size() - 1).forEach(r -> assertTrue(r.endsWith(" ok|" + A), r));
    }

    @Test
    void aGzipWithABrokenHeaderOrBodyIsOneRecordNotAFailure() {
        byte[] whole = gzip(A + "\n");
        List<String> header = split(Arrays.copyOf(whole, 5));
        assertEquals(1, header.size());
        assertTrue(header.get(0).startsWith("1:1 " + TRUNCATED_GZIP + ": "), header.get(0));

        byte[] corrupt = whole.clone();
        for (int i = 10; i < corrupt.length - 8; i++) {
            corrupt[i] = (byte) 0xff;
        }
        List<String> body = split(corrupt);
        assertEquals(1, body.size(), body.toString());
        assertTrue(body.get(0).contains(TRUNCATED_GZIP + ": "), body.get(0));
    }

    /** A stream that serves the text, then fails as a dropped connection does. */
    private static InputStream resetAfter(String text) {
        return new InputStream() {
            private int served;

            @Override
            public int read() throws IOException {
                if (served < text.length()) {
                    return text.charAt(served++);
                }
                throw new IOException("connection reset");
            }
        };
    }

    @Test
    void anIoErrorThatIsNotAboutGzipFailsTheReadInsteadOfLosingRecords() throws IOException {
        RecordSplitter splitter = new RecordSplitter(resetAfter(A), null);
        assertEquals(A, splitter.next().text());
        UncheckedIOException e = assertThrows(UncheckedIOException.class, splitter::hasNext);
        assertTrue(e.getMessage().contains("connection reset"), e.getMessage());
    }

    @Test
    void withAParserAnIoErrorFailsTheReadToo() throws IOException {
        // the parser reads ahead before it parses A, so the error may come before A does: the task fails either way
        RecordSplitter splitter = new RecordSplitter(resetAfter(A), new RecordParser());
        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> splitter.forEachRemaining(r -> { }));
        assertTrue(e.getMessage().contains("connection reset"), e.getMessage());
    }

    @Test
    void objectsAreParsedInPlaceAcrossBufferRefillsAndGzip() {
        // ~1 MB of records of many lengths, so that objects straddle the read buffer's end over and over,
        // one far longer than the parser reads ahead, and one longer than the record limit
        StringBuilder lines = new StringBuilder();
        StringBuilder backToBack = new StringBuilder();
        for (int i = 0; i < 3000; i++) {
            String record = "{\"EventId\":\"e" + i + "\",\"CurrentAgentSnapshot\":{\"AgentStatus\":{\"Name\":\""
                    + "n".repeat(i % 397) + "\"}}}";
            lines.append(record).append('\n');
            backToBack.append(record);
        }
        String huge = "{\"EventId\":\"huge\",\"Padding\":\"" + "p".repeat(200_000) + "\"}";
        lines.append(huge).append('\n').append(A).append('\n');
        backToBack.append(huge).append(A);
        for (String text : List.of(lines.toString(), backToBack.toString())) {
            List<String> scanned = split(text.getBytes(StandardCharsets.UTF_8), 100_000); // also checks both ways alike
            assertEquals(3002, scanned.size());
            assertTrue(scanned.get(3000).startsWith("1:") || scanned.get(3000).startsWith("3001:"));
            assertTrue(scanned.get(3000).contains(" " + TOO_LARGE + "|"), scanned.get(3000).substring(0, 40));
            assertEquals(List.of(3001L, 1L), parsedInPlaceAndNot(text.getBytes(StandardCharsets.UTF_8), 100_000));
            assertEquals(scanned, split(gzip(text), 100_000));
            assertEquals(List.of(3001L, 1L), parsedInPlaceAndNot(gzip(text), 100_000));
        }
    }

    @Test
    void objectsTheParserCouldCutDifferentlyAreScanned() {
        // Spark's parser takes 'single quotes' for a string, the scan does not; a line break or a field
        // of the wrong kind makes it give up: such objects go the scanning way, and come out the same
        String singleQuoted = "{'EventId':'q}{'}";
        String quoteInText = "{\"EventId\":\"O'Brien\"}";
        String overLines = "{\"EventId\":\n\"x\"}";
        String carriageReturn = "{\"EventId\":\r\"x\"}";
        String wrongKind = "{\"EventId\":\"w\",\"CurrentAgentSnapshot\":\"not an object\"}";
        String accented = "{\"EventId\":\"Jos\u00e9\"}";
        // Spark copies a value that is not a string, where text belongs, out of the bytes it parses
        String notText = "{\"EventId\":123,\"AgentARN\":{\"a\": [1, 2.50]},\"EventType\":true}";
        String text = String.join("\n", A, singleQuoted, quoteInText, overLines, carriageReturn, wrongKind, accented, notText, C) + "\n";
        assertEquals(List.of(
                        "1:1 ok|" + A,
                        "2:1 ok|{'EventId':'q}", // where the scan ends it: Spark's parser would read on to the second }
                        "2:15 ok|{'}",
                        "3:1 ok|" + quoteInText,
                        "4:1 " + MALFORMED + "|{\"EventId\":",
                        "5:1 " + NOT_OBJECT + "|\"x\"}",
                        "6:1 ok|" + carriageReturn,
                        "7:1 ok|" + wrongKind,
                        "8:1 ok|" + accented,
                        "9:1 ok|" + notText,
                        "10:1 ok|" + C),
                split(text));
        assertEquals(List.of(4L, 7L), parsedInPlaceAndNot(text.getBytes(StandardCharsets.UTF_8), RecordSplitter.MAX_RECORD_BYTES));
    }

    /** How many records came parsed in place, and how many did not. */
    private static List<Long> parsedInPlaceAndNot(byte[] bytes, int maxRecordBytes) {
        List<RecordSplitter.RawRecord> records = records(bytes, maxRecordBytes, new RecordParser());
        long inPlace = records.stream().filter(r -> r.parsed() != null).count();
        return List.of(inPlace, records.size() - inPlace);
    }

    @Test
    void invalidUtf8IsQuarantinedWithoutTouchingItsNeighbours() {
        byte[] bad = "{\"EventId\":\"Jos\u00e9\"}".getBytes(StandardCharsets.ISO_8859_1);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes((A + "\n").getBytes(StandardCharsets.UTF_8));
        bytes.writeBytes(bad);
        bytes.writeBytes(("\n" + "{\"EventId\":\"Jos\u00e9\"}\n").getBytes(StandardCharsets.UTF_8));
        assertEquals(List.of(
                        "1:1 ok|" + A,
                        "2:1 " + INVALID_UTF8 + "|{\"EventId\":\"Jos\ufffd\"}",
                        "3:1 ok|{\"EventId\":\"Jos\u00e9\"}"),
                split(bytes.toByteArray()));
    }

    @Test
    void aBadByteIsFoundWhereverItSitsInTheRecord() {
        // ASCII is checked eight bytes at a time, and the bytes after the last whole eight one by one
        for (int padding = 0; padding < 17; padding++) {
            String before = "{\"EventId\":\"" + "x".repeat(padding);
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            bytes.writeBytes(before.getBytes(StandardCharsets.UTF_8));
            bytes.write(0xe9);
            bytes.writeBytes("\"}".getBytes(StandardCharsets.UTF_8));
            assertEquals(List.of("1:1 " + INVALID_UTF8 + "|" + before + "\ufffd\"}"), split(bytes.toByteArray()), "padding " + padding);
        }
    }

    @Test
    void aByteOrderMarkAtTheStartIsSkipped() {
        byte[] bom = {(byte) 0xef, (byte) 0xbb, (byte) 0xbf};
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes(bom);
        bytes.writeBytes((A + "\n" + C).getBytes(StandardCharsets.UTF_8));
        assertEquals(List.of("1:1 ok|" + A, "2:1 ok|" + C), split(bytes.toByteArray()));
        // a lone 0xef is not a mark: it is read as it is
        assertEquals(List.of("1:1 " + NOT_OBJECT + "|\ufffd", "2:1 ok|" + A),
                split(new byte[] {(byte) 0xef, '\n', '{', '"', 'E', 'v', 'e', 'n', 't', 'I', 'd', '"', ':', '"', 'a', '"', '}'}));
    }

    @Test
    void aRecordOverTheLimitIsQuarantinedWithItsFirstBytesAndTheNextOneIsIntact() {
        String big = "{\"EventId\":\"big\",\"Junk\":\"" + "x".repeat(500) + "\"}";
        List<String> records = split((A + "\n" + big + C + "\n" + A).getBytes(StandardCharsets.UTF_8), 100);
        assertEquals(List.of(
                        "1:1 ok|" + A,
                        "2:1 " + TOO_LARGE + "|" + big.substring(0, 100),
                        "2:" + (big.length() + 1) + " ok|" + C,
                        "3:1 ok|" + A),
                records);
    }

    @Test
    void longStringsWithEscapesBracesAndNonAsciiStayWholeAcrossReadBuffers() {
        String text = "é \\\" }{ \\\\ {x} ".repeat(20_000); // escaped quote, escaped backslash, braces, 2-byte UTF-8
        String record = "{\"EventId\":\"long\",\"Note\":\"" + text + "\"}";
        int recordBytes = record.getBytes(StandardCharsets.UTF_8).length;
        assertTrue(recordBytes > 3 * (1 << 16), "spans several 64 KB read buffers");
        assertEquals(List.of(
                        "1:1 ok|" + A,
                        "2:1 ok|" + record,
                        "2:" + (recordBytes + 1) + " ok|" + B,
                        "3:1 ok|" + C),
                split(A + "\n" + record + B + "\n" + C));
    }

    @Test
    void aTenMegabyteLineUnderTheLimitIsOneGoodRecord() {
        String huge = "{\"EventId\":\"huge\",\"Junk\":\"" + "y".repeat(10 << 20) + "\"}";
        List<String> records = split(A + "\n" + huge + "\n" + C);
        assertEquals(3, records.size());
        assertEquals("2:1 ok|" + huge, records.get(1));
        assertEquals("3:1 ok|" + C, records.get(2));
    }
}
