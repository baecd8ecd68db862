package cn.zwgk.consolidator.submission;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;

import cn.zwgk.consolidator.template.Cell;
import cn.zwgk.consolidator.template.CellType;
import cn.zwgk.consolidator.template.ReportTemplate;
import cn.zwgk.consolidator.template.ReportValues;

/**
 * The fast path for the file most units send: plain ASCII, header {@code table,row,column,value},
 * every cell once in the template's order, plain numbers. Such a file is read straight from its
 * bytes, without decoding or splitting into strings. Anything else, however slightly different,
 * is left to {@link SubmissionReader}'s general path, which gives the same values or the findings.
 */
final class CanonicalFile {

    private static final byte[] HEADER = "table,row,column,value".getBytes(StandardCharsets.US_ASCII);

    private final ReportTemplate template;
    private final byte[][] prefixes;

    CanonicalFile(ReportTemplate template) {
        this.template = template;
        this.prefixes = new byte[template.cellCount()][];
        for (Cell cell : template.cells()) {
            prefixes[cell.index()] = (cell.table().code() + "," + cell.row().code() + "," + cell.column().code() + ",")
                    .getBytes(StandardCharsets.US_ASCII);
        }
    }

    /** The values, or null when the file is not canonical and needs the general reader. */
    ReportValues read(byte[] bytes) {
        int at = line(bytes, 0, HEADER);
        if (at < 0) {
            return null;
        }
        at = endOfLine(bytes, at);
        if (at < 0) {
            return null;
        }
        ReportValues values = new ReportValues(template);
        for (int index = 0; index < prefixes.length; index++) {
            at = line(bytes, at, prefixes[index]);
            if (at < 0) {
                return null;
            }
            int end = at;
            while (end < bytes.length && bytes[end] != '\n' && bytes[end] != '\r') {
                end++;
            }
            if (!value(bytes, at, end, index, values)) {
                return null;
            }
            at = endOfLine(bytes, end);
            if (at < 0) {
                return null;
            }
        }
        return at == bytes.length ? values : null;
    }

    /** Position after {@code expected} if the bytes at {@code at} start with it, else -1. */
    private static int line(byte[] bytes, int at, byte[] expected) {
        if (bytes.length - at < expected.length) {
            return -1;
        }
        for (int i = 0; i < expected.length; i++) {
            if (bytes[at + i] != expected[i]) {
                return -1;
            }
        }
        return at + expected.length;
    }

    /** Position after a line end at {@code at} (LF or CRLF), the end of the file, or -1. */
    private static int endOfLine(byte[] bytes, int at) {
        if (at == bytes.length) {
            return at;
        }
        if (bytes[at] == '\r' && at + 1 < bytes.length && bytes[at + 1] == '\n') {
            return at + 2;
        }
        return bytes[at] == '\n' ? at + 1 : -1;
    }

    private boolean value(byte[] bytes, int start, int end, int index, ReportValues values) {
        CellType type = template.cell(index).type();
        if (type == CellType.AMOUNT) {
            return amount(bytes, start, end, index, values);
        }
        boolean negative = type == CellType.CHANGE && start < end && bytes[start] == '-';
        int from = negative ? start + 1 : start;
        if (end - from < 1 || end - from > 12) {
            return false;
        }
        long value = 0;
        for (int i = from; i < end; i++) {
            int digit = bytes[i] - '0';
            if (digit < 0 || digit > 9) {
                return false;
            }
            value = value * 10 + digit;
        }
        values.setWhole(index, negative ? -value : value);
        return true;
    }

    private static boolean amount(byte[] bytes, int start, int end, int index, ReportValues values) {
        int point = -1;
        for (int i = start; i < end; i++) {
            byte b = bytes[i];
            if (b == '.' && point < 0) {
                point = i;
            } else if (b < '0' || b > '9') {
                return false;
            }
        }
        int integerDigits = (point < 0 ? end : point) - start;
        int decimals = point < 0 ? 0 : end - point - 1;
        if (integerDigits < 1 || integerDigits > 12 || (point >= 0 && decimals < 1)
                || decimals > CellType.AMOUNT_SCALE) {
            return false;
        }
        values.set(index, new BigDecimal(new String(bytes, start, end - start, StandardCharsets.US_ASCII)));
        return true;
    }
}
