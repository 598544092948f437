package org.orrery.shell.guide;

import java.util.List;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Node;
import org.commonmark.node.OrderedList;
import org.commonmark.node.Paragraph;
import org.commonmark.node.Text;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;

/**
 * A Markdown document (a plugin's README, the kernel SDK guide) as a page of HTML for Servo:
 * CommonMark with GitHub's tables, in the application's reading style. Raw HTML in the Markdown
 * is escaped, not run: a plugin's README is a third party's text.
 */
public final class GuideDocument {

    private static final List<org.commonmark.Extension> EXTENSIONS = List.of(TablesExtension.create());
    private static final String STYLE = """
            html { background: #fbfbfc; color: #1d2026; }
            body { margin: 0; padding: 18px 24px 32px; font: 14px/1.5 'DejaVu Sans', sans-serif; max-width: 860px; }
            h1 { font-size: 22px; margin: 0 0 12px; }
            h2 { font-size: 17px; margin: 22px 0 8px; border-bottom: 1px solid #dde1e7; padding-bottom: 3px; }
            h3 { font-size: 15px; margin: 18px 0 6px; }
            code { font-family: 'DejaVu Sans Mono', monospace; font-size: 12.5px; background: #eef0f3;
                   padding: 1px 3px; border-radius: 3px; }
            pre { background: #1f232b; color: #e3e6eb; padding: 10px 12px; border-radius: 4px; overflow-x: auto; }
            pre code { background: none; color: inherit; padding: 0; }
            table { border-collapse: collapse; margin: 8px 0; }
            th, td { border: 1px solid #d5d9e0; padding: 4px 8px; text-align: left; vertical-align: top; }
            th { background: #eef0f3; }
            a { color: #1565c0; }
            /* The numbers of an ordered list are in its text (see numberOrderedLists). */
            ol { list-style: none; padding-left: 18px; }
            """;

    private GuideDocument() {
    }

    /** The page of {@code markdown}, titled {@code title}. */
    public static String html(String title, String markdown) {
        Parser parser = Parser.builder().extensions(EXTENSIONS).build();
        HtmlRenderer renderer = HtmlRenderer.builder().extensions(EXTENSIONS).escapeHtml(true).build();
        Node document = parser.parse(markdown);
        numberOrderedLists(document);
        return "<!doctype html><html><head><meta charset=\"utf-8\"><title>" + escape(title) + "</title><style>"
                + STYLE + "</style></head><body>" + renderer.render(document) + "</body></html>";
    }

    /**
     * Writes each ordered list item's number into its text: Servo 0.7 shows 0 for every item of an
     * {@code <ol>}, and has no CSS counters to number them otherwise.
     */
    private static void numberOrderedLists(Node document) {
        document.accept(new AbstractVisitor() {
            @Override
            public void visit(OrderedList list) {
                int number = list.getMarkerStartNumber() != null ? list.getMarkerStartNumber() : 1;
                for (Node item = list.getFirstChild(); item != null; item = item.getNext()) {
                    Node first = item.getFirstChild();
                    Text label = new Text(number++ + ". ");
                    if (first instanceof Paragraph paragraph) {
                        paragraph.prependChild(label);
                    } else {
                        Paragraph paragraph = new Paragraph();
                        paragraph.appendChild(label);
                        item.prependChild(paragraph);
                    }
                }
                visitChildren(list);
            }
        });
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
