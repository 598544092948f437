package org.orrery.shell.guide;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class GuideDocumentTest {

    @Test
    void rendersMarkdownWithTablesAndNumbersOrderedListsInTheirText() {
        String html = GuideDocument.html("A <guide>", """
                # Title

                3. third
                4. **fourth**

                | a | b |
                | --- | --- |
                | 1 | 2 |
                """);
        assertThat(html).contains("<title>A &lt;guide&gt;</title>", "<h1>Title</h1>");
        assertThat(html).contains("<li>3. third</li>", "<li>4. <strong>fourth</strong></li>");
        assertThat(html).contains("<th>a</th>", "<td>2</td>");
    }

    @Test
    void escapesRawHtmlFromAThirdPartysReadme() {
        String html = GuideDocument.html("t", "Hello <script>alert(1)</script> <img src=x onerror=alert(2)>");
        assertThat(html).doesNotContain("<script>alert", "<img").contains("&lt;script&gt;");
    }
}
