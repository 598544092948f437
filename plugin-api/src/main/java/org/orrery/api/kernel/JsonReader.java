package org.orrery.api.kernel;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.json.JsonFactory;

/**
 * Reads a descriptor's JSON text (RFC 8259, strictly) into maps, lists, strings, doubles, booleans
 * and null, with Jackson's streaming parser under limits far above any real descriptor and far
 * below harm: a hostile document (nested 100,000 deep, a string of gigabytes) is refused with the
 * limit it broke, never read. Errors give the line, the column and the JSON path.
 */
final class JsonReader {

    /** Nesting of objects and arrays: a descriptor needs five. */
    static final int MAX_DEPTH = 32;
    /** Characters in the whole document: a descriptor is a few kilobytes. */
    static final int MAX_CHARS = 1 << 20;
    /** Characters in one string (a description, a label). */
    static final int MAX_STRING_CHARS = 64 * 1024;
    /** Characters in one number. */
    static final int MAX_NUMBER_CHARS = 64;

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(MAX_DEPTH)
                    .maxDocumentLength(MAX_CHARS)
                    .maxStringLength(MAX_STRING_CHARS)
                    .maxNameLength(MAX_STRING_CHARS)
                    .maxNumberLength(MAX_NUMBER_CHARS)
                    .build())
            .build();

    private final JsonParser parser;

    private JsonReader(JsonParser parser) {
        this.parser = parser;
    }

    /** Parses a whole document. */
    static Object read(String text) {
        if (text.length() > MAX_CHARS) {
            throw new IllegalArgumentException(String.format("%,d characters, over the limit of %,d for a descriptor",
                    text.length(), MAX_CHARS));
        }
        try (JsonParser parser = FACTORY.createParser(ObjectReadContext.empty(), text)) {
            JsonReader reader = new JsonReader(parser);
            try {
                JsonToken first = parser.nextToken();
                if (first == null) {
                    throw reader.error("the document is empty");
                }
                Object value = reader.value(first);
                if (parser.nextToken() != null) {
                    throw reader.error("unexpected text after the end of the document");
                }
                return value;
            } catch (JacksonException e) {
                throw error(e.getOriginalMessage(), e.getLocation(), reader.path());
            }
        }
    }

    private Object value(JsonToken token) {
        return switch (token) {
            case START_OBJECT -> object();
            case START_ARRAY -> array();
            case VALUE_STRING -> parser.getString();
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> parser.getDoubleValue();
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            case VALUE_NULL -> null;
            default -> throw error("unexpected " + token);
        };
    }

    private Map<String, Object> object() {
        Map<String, Object> map = new LinkedHashMap<>();
        for (JsonToken token = parser.nextToken(); token != JsonToken.END_OBJECT; token = parser.nextToken()) {
            String name = parser.currentName();
            if (map.containsKey(name)) {
                throw error("member \"" + name + "\" appears twice");
            }
            map.put(name, value(parser.nextToken()));
        }
        return map;
    }

    private List<Object> array() {
        List<Object> list = new ArrayList<>();
        for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
            list.add(value(token));
        }
        return list;
    }

    private IllegalArgumentException error(String message) {
        return error(message, parser.currentLocation(), path());
    }

    /** Where the parser is, as a JSON pointer: {@code /parameters/0/name}. */
    private String path() {
        String pointer = parser.streamReadContext().pathAsPointer().toString();
        // Deep inside a hostile document the path says nothing more after a few steps.
        return pointer.length() > 80 ? pointer.substring(0, 80) + "…" : pointer;
    }

    private static IllegalArgumentException error(String message, TokenStreamLocation at, String path) {
        String where = at == null ? "" : "line " + at.getLineNr() + ", column " + at.getColumnNr() + ": ";
        String inside = path == null || path.isEmpty() ? "" : " (at " + path + ")";
        return new IllegalArgumentException(where + message + inside);
    }
}
