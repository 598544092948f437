package org.orrery.plugins.density;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TextShareTest {

    private static TextShare of(String text, boolean cut) {
        return TextShare.of(text.getBytes(StandardCharsets.UTF_8), cut);
    }

    @Test
    void linesOfUtf8AreText() {
        TextShare share = of("lon,lat,name\n1.5,2.5,Zürich\r\n3\t4\n", false);
        assertThat(share).isEqualTo(new TextShare(3, 0));
        assertThat(share.isText()).isTrue();
    }

    @Test
    void aFewBadLinesLeaveItTextAndAQuarterDoNot() {
        assertThat(of("a\nb\nc\nd\u0000\n", false)).isEqualTo(new TextShare(4, 1));
        assertThat(of("a\nb\nc\nd\u0000\n", false).isText()).as("exactly a quarter bad").isFalse();
        assertThat(of("a\nb\nc\nd\ne\u0000\n", false).isText()).as("a fifth bad").isTrue();
    }

    @Test
    void invalidUtf8AndControlCharactersMakeALineBad() {
        byte[] bytes = {'o', 'k', '\n', (byte) 0xc3, 0x28, '\n', 'b', 'e', 'l', 7, '\n', 'f', 'i', 'n', 'e', '\n'};
        assertThat(TextShare.of(bytes, false)).isEqualTo(new TextShare(4, 2));
    }

    @Test
    void theLastLineOfACutHeadIsLeftOut() {
        // Cut inside "é": that line is not judged.
        byte[] bytes = {'a', '\n', 'b', '\n', (byte) 0xc3};
        assertThat(TextShare.of(bytes, true)).isEqualTo(new TextShare(2, 0));
        assertThat(TextShare.of(bytes, false)).as("the whole file: its last line is bad").isEqualTo(new TextShare(3, 1));
    }

    @Test
    void nothingAtAllIsNotText() {
        assertThat(of("", false).isText()).isFalse();
    }
}
