package io.guildmark.credentials.jsonld;

import com.apicatalog.rdf.api.RdfConsumerException;
import com.apicatalog.rdf.canon.RdfCanon;
import com.apicatalog.rdf.nquads.NQuadsWriter;

import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * RDF Dataset Canonicalization (RDFC-1.0, W3C Recommendation 2024-05-21) with SHA-256, by titanium-rdfc, which
 * matches the reference labelling on credentials with several blank nodes.
 *
 * <p>Most credentials take a shorter way to the same text: when every blank node has a first-degree hash of its own
 * (§4.6 "Hash First Degree Quads"), §4.4.3 step 5 issues all canonical identifiers in hash order and the
 * N-degree steps have nothing to do. This class computes those hashes exactly as titanium-rdfc does (titanium's
 * N-Quads lines, {@link NQuadLines}; a quad counted once per position that names the blank node; lines sorted as
 * Java strings) and writes the canonical document itself, serializing each quad once (titanium-rdfc serializes a
 * quad again at every comparison of its final sort). When two blank nodes share a first-degree hash, the whole dataset goes to
 * titanium-rdfc. {@code RdfCanonicalizerTest} compares both ways over many datasets.
 */
public final class RdfCanonicalizer {

    private static final String ONE = "_:a";
    private static final String OTHER = "_:z";
    private static final String CANONICAL_PREFIX = "_:c14n";

    private RdfCanonicalizer() {
    }

    /**
     * The canonical N-Quads document of {@code quads} (RDFC-1.0 §4.4.3 step 5: canonical labels, lines sorted in
     * code point order, each ending in a newline). Duplicate quads count once: a dataset is a set.
     */
    public static String canonicalize(Collection<RdfQuad> quads) {
        String simple = withFirstDegreeHashes(quads);
        return simple != null ? simple : withTitanium(quads);
    }

    /**
     * How many steps titanium-rdfc may take for one dataset (it ticks once per step of its hashing and N-degree
     * loops). The N-degree steps grow with the factorial of the blank nodes that look alike, so a small crafted
     * credential could otherwise hold a thread for hours (RDFC-1.0 §2.3 "poison graphs"); credentials with a few
     * twin blank nodes take a few hundred steps.
     */
    static final int MAX_STEPS = 100_000;

    /** A dataset RDFC-1.0 could not canonicalize: too much work (see {@link #MAX_STEPS}) or titanium-rdfc failed on it. */
    public static final class CanonicalizationFailed extends RuntimeException {
        CanonicalizationFailed(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** The canonical document by titanium-rdfc's full algorithm (also the reference for the shorter way). */
    static String withTitanium(Collection<RdfQuad> quads) {
        return withTitanium(quads, MAX_STEPS);
    }

    static String withTitanium(Collection<RdfQuad> quads, int maxSteps) {
        int[] steps = {0};
        RdfCanon canon = RdfCanon.create("SHA-256", () -> {
            if (++steps[0] > maxSteps) throw new StepsExceeded();
        });
        try {
            for (RdfQuad q : quads) {
                canon.quad(q.subject(), q.predicate(), q.object(), q.datatype(), q.language(), q.direction(),
                        q.graph());
            }
            StringWriter out = new StringWriter(quads.size() * 160);
            canon.provide(new NQuadsWriter(out));
            return out.toString();
        } catch (StepsExceeded e) {
            throw new CanonicalizationFailed("Canonicalizing its blank nodes would take more than " + maxSteps
                    + " steps (blank nodes that look alike)", e);
        } catch (RdfConsumerException | RuntimeException e) {
            // titanium-rdfc 2.0.0 fails with a NullPointerException on some datasets with IRI-named graphs
            throw new CanonicalizationFailed("RDFC-1.0 canonicalization failed: " + e, e);
        }
    }

    /** Thrown by the step counter to stop titanium-rdfc; turned into {@link CanonicalizationFailed} above. */
    private static final class StepsExceeded extends RuntimeException {
        StepsExceeded() {
            super(null, null, false, false);
        }
    }

    /**
     * The canonical document when every blank node's first-degree hash is unique, else null.
     *
     * <p>titanium-rdfc counts a quad in a blank node's list once for each position (subject, object, graph) that
     * names it, and before it drops duplicate quads; so does this, so that the hashes are the same.
     */
    static String withFirstDegreeHashes(Collection<RdfQuad> quads) {
        // RDFC-1.0 §4.4.3 step 2: the blank node to quads map
        Map<String, List<RdfQuad>> quadsOf = new LinkedHashMap<>();
        for (RdfQuad q : quads) {
            if (isBlank(q.subject())) {
                quadsOf.computeIfAbsent(q.subject(), b -> new ArrayList<>(4)).add(q);
            }
            if (!q.isLiteral() && isBlank(q.object())) {
                quadsOf.computeIfAbsent(q.object(), b -> new ArrayList<>(4)).add(q);
            }
            if (isBlank(q.graph())) {
                quadsOf.computeIfAbsent(q.graph(), b -> new ArrayList<>(4)).add(q);
            }
        }
        Map<String, String> canonical = Map.of();
        if (!quadsOf.isEmpty()) {
            // §4.4.3 steps 3 and 4: the first-degree hash of each blank node
            MessageDigest sha256 = sha256();
            String[] hashes = new String[quadsOf.size()];
            Map<String, String> blankOf = new HashMap<>(quadsOf.size() * 2);
            int n = 0;
            for (Map.Entry<String, List<RdfQuad>> entry : quadsOf.entrySet()) {
                String hash = hashFirstDegree(entry.getKey(), entry.getValue(), sha256);
                if (blankOf.put(hash, entry.getKey()) != null) {
                    return null;
                }
                hashes[n++] = hash;
            }
            // §4.4.3 step 5: every hash names one blank node, which gets the next identifier in hash order
            Arrays.sort(hashes);
            canonical = new HashMap<>(hashes.length * 2);
            for (int i = 0; i < hashes.length; i++) {
                canonical.put(blankOf.get(hashes[i]), CANONICAL_PREFIX + i);
            }
        }
        // §4.4.3 step 7: the quads with canonical labels, each line once, sorted
        Set<String> lines = new HashSet<>(quads.size() * 2);
        for (RdfQuad q : quads) {
            lines.add(NQuadLines.line(relabel(q.subject(), canonical), q.predicate(),
                    q.isLiteral() ? q.object() : relabel(q.object(), canonical), q.datatype(), q.language(),
                    q.direction(), relabel(q.graph(), canonical)));
        }
        String[] sorted = lines.toArray(new String[0]);
        Arrays.sort(sorted);
        StringBuilder document = new StringBuilder(sorted.length * 160);
        for (String line : sorted) {
            document.append(line);
        }
        return document.toString();
    }

    /** RDFC-1.0 §4.6.3: SHA-256 of the sorted quads that name {@code blank}, it as {@code _:a}, others as {@code _:z}. */
    private static String hashFirstDegree(String blank, List<RdfQuad> related, MessageDigest sha256) {
        String[] lines = new String[related.size()];
        for (int i = 0; i < lines.length; i++) {
            RdfQuad q = related.get(i);
            lines[i] = NQuadLines.line(reference(q.subject(), blank), q.predicate(),
                    q.isLiteral() ? q.object() : reference(q.object(), blank), q.datatype(), q.language(),
                    q.direction(), reference(q.graph(), blank));
        }
        Arrays.sort(lines);
        sha256.reset();
        for (String line : lines) {
            sha256.update(line.getBytes(StandardCharsets.UTF_8));
        }
        return HexFormat.of().formatHex(sha256.digest());
    }

    private static String reference(String term, String blank) {
        return isBlank(term) ? (term.equals(blank) ? ONE : OTHER) : term;
    }

    private static String relabel(String term, Map<String, String> canonical) {
        return isBlank(term) ? canonical.get(term) : term;
    }

    private static boolean isBlank(String term) {
        return term != null && term.startsWith("_:");
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
