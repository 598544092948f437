package org.orrery.api.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonReaderTest {

    @Test
    void readsEveryKindOfValue() {
        Object value = JsonReader.read(" {\"a\": [1, -2.5e2, true, false, null], \"b\": \"x\\n\\u00e9\\\"\", \"c\": {}} ");
        assertThat(value).isEqualTo(Map.of(
                "a", java.util.Arrays.asList(1.0, -250.0, true, false, null),
                "b", "x\né\"",
                "c", Map.of()));
        assertThat(JsonReader.read("[]")).isEqualTo(List.of());
    }

    @Test
    void refusesMalformedTextWithItsPosition() {
        assertThatThrownBy(() -> JsonReader.read("{\n  \"a\": 01x\n}")).hasMessageStartingWith("line 2, column");
        assertThatThrownBy(() -> JsonReader.read("[1,]")).hasMessageStartingWith("line 1, column 4: ");
        assertThatThrownBy(() -> JsonReader.read("\"open")).hasMessageStartingWith("line 1, column 6: ");
        assertThatThrownBy(() -> JsonReader.read("{} {}")).hasMessageContaining("after the end");
        assertThatThrownBy(() -> JsonReader.read("-")).hasMessageStartingWith("line 1, column ");
        assertThatThrownBy(() -> JsonReader.read("tru")).hasMessageStartingWith("line 1, column ");
        assertThatThrownBy(() -> JsonReader.read("")).hasMessageContaining("empty");
        assertThatThrownBy(() -> JsonReader.read("[NaN]")).hasMessageStartingWith("line 1, column ");
    }

    @Test
    void aMemberTwiceIsRefusedWithItsPath() {
        assertThatThrownBy(() -> JsonReader.read("{\"parameters\": [{\"name\": \"a\", \"name\": \"b\"}]}"))
                .hasMessageContaining("member \"name\" appears twice")
                .hasMessageContaining("(at /parameters/0/name)");
    }

    @Test
    void aDocumentNestedDeeperThanTheLimitIsRefusedWithoutReadingIt() {
        String deep = "[".repeat(100_000);

        assertThatThrownBy(() -> JsonReader.read(deep))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("nesting depth")
                .hasMessageContaining(String.valueOf(JsonReader.MAX_DEPTH))
                .hasMessageContaining("(at /0/0/0/0/");
        assertThat(JsonReader.read("[".repeat(JsonReader.MAX_DEPTH) + "]".repeat(JsonReader.MAX_DEPTH)))
                .as("as deep as allowed").isInstanceOf(List.class);
    }

    @Test
    void aDocumentOrAStringOverItsLimitIsRefusedSayingSo() {
        String big = "[" + "1,".repeat(JsonReader.MAX_CHARS / 2) + "1]";
        assertThatThrownBy(() -> JsonReader.read(big)).hasMessageContaining("over the limit of 1,048,576");

        String longString = "[\"" + "x".repeat(JsonReader.MAX_STRING_CHARS + 1) + "\"]";
        assertThatThrownBy(() -> JsonReader.read(longString)).hasMessageContaining("String value length")
                .hasMessageContaining(String.valueOf(JsonReader.MAX_STRING_CHARS));

        String longNumber = "[" + "1".repeat(JsonReader.MAX_NUMBER_CHARS + 1) + "]";
        assertThatThrownBy(() -> JsonReader.read(longNumber)).hasMessageContaining("Number value length");
    }
}
