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
        assertThatThrownBy(() -> JsonReader.read("[1,]")).hasMessageContaining("unexpected character ']'");
        assertThatThrownBy(() -> JsonReader.read("\"open")).hasMessageContaining("unterminated string");
        assertThatThrownBy(() -> JsonReader.read("{} {}")).hasMessageContaining("after the end");
        assertThatThrownBy(() -> JsonReader.read("-")).hasMessageContaining("expected a digit");
        assertThatThrownBy(() -> JsonReader.read("tru")).hasMessageContaining("unexpected word");
    }
}
