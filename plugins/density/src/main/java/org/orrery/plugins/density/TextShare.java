package org.orrery.plugins.density;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * How much of a file's first bytes is text, line by line: a line is text when it is UTF-8 with
 * no control character but tab and carriage return. A data file with a few bad stretches (a block
 * of binary, a stray NUL) is still text, its bad lines reported by the loader; one that is
 * {@link #MAX_BAD_SHARE} or more bad is not a text file at all.
 *
 * @param lines the lines looked at
 * @param badLines those that are not text
 */
record TextShare(int lines, int badLines) {

    /** The share of bad lines above which a file is not text. */
    static final double MAX_BAD_SHARE = 0.25;

    /**
     * @param head the file's first bytes
     * @param cut whether the file goes on after them (its last line is then left out: it may
     *     end in the middle of a character)
     */
    static TextShare of(byte[] head, boolean cut) {
        CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        int lines = 0;
        int bad = 0;
        int start = 0;
        for (int i = 0; i <= head.length; i++) {
            boolean end = i == head.length;
            if (!end && head[i] != '\n') {
                continue;
            }
            if (end && (cut || start == i)) {
                break;
            }
            lines++;
            if (!isText(utf8, head, start, i)) {
                bad++;
            }
            start = i + 1;
        }
        return new TextShare(lines, bad);
    }

    /** Whether the file reads as text, allowing a share of bad lines below {@link #MAX_BAD_SHARE}. */
    boolean isText() {
        return lines > 0 && badLines < lines * MAX_BAD_SHARE;
    }

    private static boolean isText(CharsetDecoder utf8, byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            byte b = bytes[i];
            if (b >= 0 && b < 0x20 && b != '\t' && b != '\r' || b == 0x7f) {
                return false;
            }
        }
        try {
            utf8.reset().decode(ByteBuffer.wrap(bytes, from, to - from));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }
}
