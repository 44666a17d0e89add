package org.agentaudit.generate;

/**
 * Hand-written JSON fragments. The generator writes gigabytes of near-identical records, so it
 * appends pre-built pieces instead of going through a general serializer; every value it writes is
 * a string it made itself, a number or null.
 */
final class Json {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private Json() {
    }

    /** Appends {@code "value"} (escaped) or {@code null}. */
    static StringBuilder str(StringBuilder sb, String value) {
        if (value == null) return sb.append("null");
        sb.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) sb.append(String.format("\\u%04x", (int) c));
                    else sb.append(c);
                }
            }
        }
        return sb.append('"');
    }

    /** Appends {@code "name":} */
    static StringBuilder key(StringBuilder sb, String name) {
        return sb.append('"').append(name).append("\":");
    }

    /** Appends {@code "2025-06-18T13:14:11.402Z"} (quoted), or {@code null} for a negative instant. */
    static StringBuilder ts(StringBuilder sb, long epochMs) {
        if (epochMs < 0) return sb.append("null");
        byte[] b = new byte[24];
        timestamp(epochMs, b, 0);
        sb.append('"');
        for (byte x : b) sb.append((char) x);
        return sb.append('"');
    }

    /** ISO-8601 UTC with milliseconds, 24 ASCII bytes, e.g. {@code 2025-06-18T13:14:11.402Z}. */
    static void timestamp(long epochMs, byte[] dst, int off) {
        long days = Math.floorDiv(epochMs, 86_400_000L);
        int msOfDay = (int) Math.floorMod(epochMs, 86_400_000L);
        // civil_from_days (H. Hinnant): proleptic Gregorian date of a day count.
        long z = days + 719_468;
        long era = Math.floorDiv(z, 146_097);
        long doe = z - era * 146_097;
        long yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        long mp = (5 * doy + 2) / 153;
        int d = (int) (doy - (153 * mp + 2) / 5 + 1);
        int m = (int) (mp < 10 ? mp + 3 : mp - 9);
        int y = (int) (yoe + era * 400 + (m <= 2 ? 1 : 0));
        int h = msOfDay / 3_600_000, mi = msOfDay / 60_000 % 60, s = msOfDay / 1000 % 60, ms = msOfDay % 1000;
        digits(dst, off, y, 4);
        dst[off + 4] = '-';
        digits(dst, off + 5, m, 2);
        dst[off + 7] = '-';
        digits(dst, off + 8, d, 2);
        dst[off + 10] = 'T';
        digits(dst, off + 11, h, 2);
        dst[off + 13] = ':';
        digits(dst, off + 14, mi, 2);
        dst[off + 16] = ':';
        digits(dst, off + 17, s, 2);
        dst[off + 19] = '.';
        digits(dst, off + 20, ms, 3);
        dst[off + 23] = 'Z';
    }

    private static void digits(byte[] dst, int off, int value, int width) {
        for (int i = width - 1; i >= 0; i--) {
            dst[off + i] = (byte) ('0' + value % 10);
            value /= 10;
        }
    }

    /** A UUID string with the version-4 and IETF variant bits set, from 128 random bits. */
    static String uuid(long hi, long lo) {
        hi = (hi & ~0xF000L) | 0x4000L;
        lo = (lo & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
        char[] c = new char[36];
        int p = 0;
        for (int i = 0; i < 16; i++) {
            if (i == 4 || i == 6 || i == 8 || i == 10) c[p++] = '-';
            long word = i < 8 ? hi : lo;
            int b = (int) (word >>> (56 - 8 * (i % 8))) & 0xFF;
            c[p++] = HEX[b >>> 4];
            c[p++] = HEX[b & 0xF];
        }
        return new String(c);
    }
}
