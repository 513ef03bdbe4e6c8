package io.guildmark.credentials;

import javax.xml.parsers.DocumentBuilderFactory;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Counted limits for the parsers that read what strangers send (credentials to verify, badge images, documents
 * fetched from issuers). Nesting is refused by a depth count before anything recurses over it, so a deeply nested
 * document is a clear "too deeply nested" answer rather than a stack overflow.
 */
public final class InputLimits {

    /** Nesting of JSON arrays and objects: real credentials are about a dozen levels deep. */
    public static final int MAX_JSON_DEPTH = 64;
    /** Nesting of XML elements in an SVG image: drawing tools nest groups a few dozen deep at most. */
    public static final int MAX_XML_DEPTH = 100;
    /** Characters of one JSON number, exponent included. */
    public static final int MAX_JSON_NUMBER_LENGTH = 100;

    /** The JDK's own XML parser counts element depth and stops at this limit (JAXP {@code maxElementDepth}). */
    private static final String XML_MAX_ELEMENT_DEPTH = "http://www.oracle.com/xml/jaxp/properties/maxElementDepth";

    private InputLimits() {}

    /** Makes the factory's parsers refuse elements nested deeper than {@link #MAX_XML_DEPTH}. */
    public static void limitXmlDepth(DocumentBuilderFactory factory) {
        factory.setAttribute(XML_MAX_ELEMENT_DEPTH, String.valueOf(MAX_XML_DEPTH));
    }

    /** Whether a parser's message says the document went past {@link #MAX_XML_DEPTH}. */
    public static boolean isXmlDepthError(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null && t.getMessage().contains("maxElementDepth")) return true;
        }
        return false;
    }

    /**
     * Whether the JSON text nests arrays and objects deeper than {@link #MAX_JSON_DEPTH}. Counts brackets outside
     * strings in one pass; the text need not be valid JSON (the parser says what else is wrong with it).
     */
    public static boolean jsonTooDeep(CharSequence json) {
        return jsonTooDeep(json.length(), json::charAt);
    }

    /** The same count over UTF-8 bytes (brackets, quotes and backslashes are never part of a longer character). */
    public static boolean jsonTooDeep(byte[] json) {
        return jsonTooDeep(json.length, i -> (char) json[i]);
    }

    private static boolean jsonTooDeep(int length, java.util.function.IntFunction<Character> at) {
        int depth = 0;
        boolean inString = false;
        for (int i = 0; i < length; i++) {
            char c = at.apply(i);
            if (inString) {
                if (c == '\\') i++;
                else if (c == '"') inString = false;
            } else if (c == '"') {
                inString = true;
            } else if (c == '{' || c == '[') {
                if (++depth > MAX_JSON_DEPTH) return true;
            } else if (c == '}' || c == ']') {
                depth--;
            }
        }
        return false;
    }

    /** A Jackson 2 mapper whose parsers stop at the depth and number length above. */
    public static ObjectMapper jackson2Mapper() {
        return new ObjectMapper(JsonFactory.builder().streamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(MAX_JSON_DEPTH).maxNumberLength(MAX_JSON_NUMBER_LENGTH).build()).build());
    }
}
