package org.orrery.servo.web;

import java.util.List;

/**
 * The host's side of the page API ({@code native-libs/servo-bridge/src/page_api.js}): the scripts
 * that call it. The bridge builds the per-frame call itself, in native code; these serve the
 * calls made from Java, and any other engine given the same page (the WebView benchmark).
 */
public final class PageApi {

    private PageApi() {
    }

    /** The call that names the values each frame hands the page. */
    public static String describe(List<String> names) {
        StringBuilder out = new StringBuilder("orrery._describe([");
        for (int i = 0; i < names.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            appendString(out, names.get(i));
        }
        return out.append("])").toString();
    }

    /** The call that hands the page one frame's values. */
    public static String frame(double[] values) {
        StringBuilder out = new StringBuilder("orrery._frame(new Float64Array([");
        for (int i = 0; i < values.length; i++) {
            // Java's NaN and Infinity are JavaScript's too.
            out.append(i > 0 ? "," : "").append(values[i]);
        }
        return out.append("]))").toString();
    }

    /** {@code text} as a JavaScript string literal. */
    private static void appendString(StringBuilder out, String text) {
        out.append('"');
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20 || c == '\u2028' || c == '\u2029') {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
