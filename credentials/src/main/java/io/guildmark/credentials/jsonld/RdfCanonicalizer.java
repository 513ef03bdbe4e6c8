package io.guildmark.credentials.jsonld;

import com.apicatalog.rdf.api.RdfConsumerException;
import com.apicatalog.rdf.canon.RdfCanon;
import com.apicatalog.rdf.nquads.NQuadsWriter;

import java.io.StringWriter;
import java.util.Collection;

/**
 * RDF Dataset Canonicalization (RDFC-1.0, W3C Recommendation 2024-05-21) with SHA-256, by titanium-rdfc, which
 * matches the reference labelling on credentials with several blank nodes.
 */
public final class RdfCanonicalizer {

    private RdfCanonicalizer() {
    }

    /**
     * The canonical N-Quads document of {@code quads} (RDFC-1.0 §4.4.3 step 5: canonical labels, lines sorted in
     * code point order, each ending in a newline). Duplicate quads count once: a dataset is a set.
     */
    public static String canonicalize(Collection<RdfQuad> quads) {
        RdfCanon canon = RdfCanon.create("SHA-256");
        try {
            for (RdfQuad q : quads) {
                canon.quad(q.subject(), q.predicate(), q.object(), q.datatype(), q.language(), q.direction(),
                        q.graph());
            }
            StringWriter out = new StringWriter(quads.size() * 160);
            canon.provide(new NQuadsWriter(out));
            return out.toString();
        } catch (RdfConsumerException e) {
            throw new IllegalStateException("RDFC-1.0 canonicalization failed", e);
        }
    }
}
