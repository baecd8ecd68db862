package cn.zwgk.consolidator.common;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Turns a file's bytes into text the way Chinese offices write it: UTF-8 with or without BOM,
 * UTF-16 with BOM, or GB18030/GBK (what Excel and WPS write on Chinese Windows).
 */
public final class TextDecoder {

    private static final Charset GB18030 = Charset.forName("GB18030");

    private TextDecoder() {
    }

    /** The decoded text, or null when the bytes are no text in any supported encoding. */
    public static String decode(byte[] bytes) {
        if (startsWith(bytes, 0xEF, 0xBB, 0xBF)) {
            return strict(bytes, 3, StandardCharsets.UTF_8);
        }
        if (startsWith(bytes, 0xFE, 0xFF)) {
            return strict(bytes, 2, StandardCharsets.UTF_16BE);
        }
        if (startsWith(bytes, 0xFF, 0xFE)) {
            return strict(bytes, 2, StandardCharsets.UTF_16LE);
        }
        if (isPlainAscii(bytes)) {
            return new String(bytes, StandardCharsets.ISO_8859_1);
        }
        String text = strict(bytes, 0, StandardCharsets.UTF_8);
        // Valid UTF-8 is almost never valid GBK text by accident, so UTF-8 is tried first.
        return text != null ? text : strict(bytes, 0, GB18030);
    }

    private static String strict(byte[] bytes, int offset, Charset charset) {
        try {
            CharBuffer chars = charset.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, offset, bytes.length - offset));
            String text = chars.toString();
            return looksLikeText(text) ? text : null;
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    /** Control characters other than tab and line ends mean binary data that happened to decode. */
    private static boolean looksLikeText(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
                return false;
            }
        }
        return true;
    }

    /** Printable ASCII, tabs and line ends: most submissions, decoded without a decoder. */
    private static boolean isPlainAscii(byte[] bytes) {
        for (byte b : bytes) {
            if (b < 0x20 && b != '\t' && b != '\n' && b != '\r') {
                return false; // negative bytes (non-ASCII) and control characters
            }
        }
        return true;
    }

    private static boolean startsWith(byte[] bytes, int... prefix) {
        if (bytes.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((bytes[i] & 0xFF) != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
