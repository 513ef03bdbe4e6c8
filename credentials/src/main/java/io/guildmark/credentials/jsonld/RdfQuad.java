package io.guildmark.credentials.jsonld;

import com.apicatalog.rdf.nquads.NQuadsWriter;

/**
 * One RDF quad as titanium's {@code RdfQuadConsumer} reports it: IRIs and blank node ids ({@code _:…}) as strings;
 * the object is a literal exactly when {@code datatype} is not null. {@code graph} is null for the default graph.
 */
public record RdfQuad(String subject, String predicate, String object, String datatype, String language,
        String direction, String graph) {

    /** Whether the object is a literal rather than an IRI or blank node. */
    public boolean isLiteral() {
        return datatype != null;
    }

    /** This quad as one N-Quads line, with its terminating newline (RDF 1.1 N-Quads). */
    public String toNQuad() {
        return NQuadsWriter.nquad(subject, predicate, object, datatype, language, direction, graph);
    }
}
