package io.guildmark.credentials.jsonld;

import com.apicatalog.rdf.nquads.NQuadsWriter;

/**
 * One quad as an N-Quads line (RDF 1.1 N-Quads), byte for byte what titanium's {@link NQuadsWriter#nquad(String,
 * String, String, String, String, String, String)} writes, which RDFC-1.0 hashes and sorts: titanium writes each term
 * through a synchronized {@code StringWriter} and escapes literals code point by code point, which made serializing
 * the largest cost of canonicalizing a credential. A quad with a base direction, or a missing term, is left to
 * titanium ({@code NQuadLinesTest} compares both over every character class).
 */
final class NQuadLines {

    private static final String XSD_STRING = "http://www.w3.org/2001/XMLSchema#string";

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private NQuadLines() {
    }

    /** The line of a quad, with its terminating newline; the object is a literal exactly when datatype is not null. */
    static String line(String subject, String predicate, String object, String datatype, String language,
            String direction, String graph) {
        if (direction != null || subject == null || predicate == null || object == null) {
            return NQuadsWriter.nquad(subject, predicate, object, datatype, language, direction, graph);
        }
        StringBuilder line = new StringBuilder(subject.length() + predicate.length() + object.length() + 64);
        term(line, subject).append(' ');
        term(line, predicate).append(' ');
        if (datatype != null) {
            literal(line, object);
            if (language != null) {
                line.append('@').append(language);
            } else if (!XSD_STRING.equals(datatype)) {
                line.append("^^<").append(datatype).append('>');
            }
        } else {
            term(line, object);
        }
        line.append(' ');
        if (graph != null) {
            term(line, graph).append(' ');
        }
        return line.append(".\n").toString();
    }

    /** A blank node id as it is, an IRI in angle brackets (titanium writes IRIs unescaped). */
    private static StringBuilder term(StringBuilder line, String term) {
        return term.startsWith("_:") ? line.append(term) : line.append('<').append(term).append('>');
    }

    /** N-Quads STRING_LITERAL_QUOTE with titanium's escapes: named ones, {@code \\uXXXX} for other controls. */
    private static void literal(StringBuilder line, String value) {
        line.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\t' -> line.append("\\t");
                case '\b' -> line.append("\\b");
                case '\n' -> line.append("\\n");
                case '\r' -> line.append("\\r");
                case '\f' -> line.append("\\f");
                case '"' -> line.append("\\\"");
                case '\\' -> line.append("\\\\");
                default -> {
                    if (c <= 0x1f || c == 0x7f) {
                        line.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xf]);
                    } else {
                        line.append(c);
                    }
                }
            }
        }
        line.append('"');
    }
}
