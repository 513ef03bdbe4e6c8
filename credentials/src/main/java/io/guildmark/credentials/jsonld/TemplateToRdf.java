package io.guildmark.credentials.jsonld;

import com.apicatalog.jsonld.JsonLdError;
import com.apicatalog.jsonld.JsonLdOptions;
import com.apicatalog.jsonld.document.Document;
import com.apicatalog.jsonld.loader.DocumentLoader;
import com.apicatalog.jsonld.uri.UriUtils;
import jakarta.json.spi.JsonProvider;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonStructure;
import jakarta.json.JsonValue;

import java.net.URI;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * The same quads as {@link JsonLdToRdf}, without expanding JSON-LD for every document of a shape already seen.
 *
 * <p>Credentials issued by one program differ in a few strings (ids, names, dates, hashes) and share everything
 * that costs time in JSON-LD processing: contexts, terms, types, nesting. The <em>shape</em> of a document is its
 * JSON with every string value replaced by a slot, except {@code @context}, {@code type} and JSON-LD keywords,
 * which are kept verbatim. The first document of a shape is expanded once with a unique placeholder in each slot;
 * where each placeholder lands in the quads tells the slot's role:
 * <ul>
 * <li>a <em>literal</em> slot appears only as the lexical value of literals — any string can go there unchanged;</li>
 * <li>an <em>IRI</em> slot appears only as a whole subject, object or graph IRI — a value can go there when it is
 * an absolute IRI that JSON-LD "IRI Expansion" (JSON-LD 1.1 Processing Algorithms and API) returns unchanged: no term or prefix of the
 * document's contexts, no blank node id, a well-formed IRI;</li>
 * <li>any other slot (dropped, a JSON literal, part of a longer string, …) is <em>opaque</em>: its value becomes
 * part of the shape, and such shapes get their own template. So does a value of an IRI slot that expansion might
 * change (a vocabulary term like {@code assertionMethod}, a compact IRI).</li>
 * </ul>
 * A document is then turned into quads by copying its template's quads with the slot values put in. Identical
 * quads count once, as in an RDF dataset (two nodes of the document may share an IRI). Whenever a condition above
 * is not met — an inline context, a context the loader does not serve, an IRI value that could expand, a template
 * that failed — the document goes through {@link JsonLdToRdf}, so the quads are always those of the
 * straightforward path, and so are its errors.
 *
 * <p>Thread-safe; templates are immutable and shared.
 */
public final class TemplateToRdf {

    /** Looked up once: {@code Json.create…} searches for the provider on every call. */
    private static final JsonProvider JSON = JsonProvider.provider();

    /** Placeholders: unguessable, valid both as an absolute IRI and as a literal. */
    private static final String MARK = "urn:x-guildmark-slot:" + nonce() + ":";

    private static final Pattern IRI = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*:[^\\x00-\\x20<>\"{}|\\\\^`]*");

    private static final int OPAQUE = 0;
    private static final int LITERAL = 1;
    private static final int IRI_SLOT = 2;

    /** The roles of a shape whose placeholder document could not be processed (compared by identity). */
    private static final int[] UNUSABLE = new int[0];

    private final DocumentLoader loader;

    private final int maxTemplates;

    private final Map<String, int[]> roles = new ConcurrentHashMap<>();

    private final Map<String, Template> templates = new ConcurrentHashMap<>();

    private final Map<String, Set<String>> terms = new ConcurrentHashMap<>();

    private final AtomicLong hits = new AtomicLong();

    private final AtomicLong fallbacks = new AtomicLong();

    /** Templates for documents whose contexts {@link BundledContexts} serves, at most 512 shapes. */
    public TemplateToRdf() {
        this(BundledContexts.loader(), 512);
    }

    public TemplateToRdf(DocumentLoader loader, int maxTemplates) {
        this.loader = loader;
        this.maxTemplates = maxTemplates;
    }

    /** The quads of {@code document}: equal, as a set, to {@link JsonLdToRdf#toRdf(JsonObject, DocumentLoader)}. */
    public List<RdfQuad> toRdf(JsonObject document) throws JsonLdError {
        List<RdfQuad> quads = fromTemplate(document);
        if (quads != null) {
            hits.incrementAndGet();
            return quads;
        }
        fallbacks.incrementAndGet();
        return JsonLdToRdf.toRdf(document, loader);
    }

    /** Documents turned into quads from a template so far. */
    public long templateHits() {
        return hits.get();
    }

    /** Documents that went through full JSON-LD processing so far. */
    public long fallbacks() {
        return fallbacks.get();
    }

    private List<RdfQuad> fromTemplate(JsonObject document) {
        Shape shape = new Shape();
        shape.walk(document);
        if (shape.unsupported) {
            return null;
        }
        String structure = shape.key.toString();
        int[] role = roles.get(structure);
        if (role == null) {
            role = classify(document, shape.slots.size());
            bounded(roles).put(structure, role);
        }
        if (role == UNUSABLE) {
            return null;
        }
        Set<String> contextTerms = termsOf(shape.contexts);
        if (contextTerms == null) {
            return null;
        }
        List<String> values = shape.slots;
        // a value that cannot go into an IRI slot unchanged (a vocabulary term such as "assertionMethod", a compact
        // IRI…) is processed for real, in a template of its own, like the values of opaque slots
        int[] docRole = role.clone();
        StringBuilder fullKey = null;
        for (int i = 0; i < role.length; i++) {
            String value = values.get(i);
            if (value.contains(MARK)) {
                return null;
            }
            if (role[i] == IRI_SLOT && !isPlainIri(value, contextTerms)) {
                docRole[i] = OPAQUE;
            }
            if (docRole[i] == OPAQUE) {
                if (fullKey == null) {
                    fullKey = new StringBuilder(structure).append('\u0001');
                }
                fullKey.append(i).append('=').append(value).append('\u0002');
            }
        }
        String key = fullKey == null ? structure : fullKey.toString();
        Template template = templates.get(key);
        if (template == null) {
            template = compile(document, values, docRole);
            bounded(templates).put(key, template);
        }
        return template.instantiate(values);
    }

    /** Expands the document with a placeholder in every slot and reads each slot's role; {@link #UNUSABLE} if it fails. */
    private int[] classify(JsonObject document, int slots) {
        List<RdfQuad> quads = placeholderQuads(document, slots, null, null);
        if (quads == null) {
            return UNUSABLE;
        }
        Uses uses = new Uses(slots);
        uses.scan(quads);
        int[] role = new int[slots];
        for (int i = 0; i < slots; i++) {
            role[i] = uses.role(i);
        }
        return role;
    }

    /** Expands with placeholders in the literal and IRI slots and the real values in opaque ones. */
    private Template compile(JsonObject document, List<String> values, int[] role) {
        List<RdfQuad> quads = placeholderQuads(document, role.length, values, role);
        if (quads == null) {
            return Template.UNUSABLE;
        }
        Uses uses = new Uses(role.length);
        uses.scan(quads);
        for (int i = 0; i < role.length; i++) {
            if (role[i] != OPAQUE && uses.role(i) != role[i]) {
                return Template.UNUSABLE;
            }
        }
        return new Template(quads);
    }

    private List<RdfQuad> placeholderQuads(JsonObject document, int slots, List<String> values, int[] role) {
        int[] counter = {0};
        JsonValue withPlaceholders = Shape.substitute(document, i -> role != null && role[i] == OPAQUE
                ? values.get(i) : MARK + i + ":", counter);
        if (counter[0] != slots) {
            return null;
        }
        try {
            return JsonLdToRdf.toRdf((JsonObject) withPlaceholders, loader);
        } catch (JsonLdError | RuntimeException e) {
            return null;
        }
    }

    /**
     * Whether JSON-LD IRI expansion returns {@code value} unchanged whether the position is {@code @id} or
     * {@code @vocab} typed (IRI Expansion: the term lookup for vocabulary-relative values, and compact IRIs), and toRdf keeps it.
     */
    private static boolean isPlainIri(String value, Set<String> contextTerms) {
        // dot segments: an expander that normalizes IRIs would change them, so they take the full path
        if (!IRI.matcher(value).matches() || contextTerms.contains(value) || value.contains("/.")) {
            return false;
        }
        String prefix = value.substring(0, value.indexOf(':'));
        return !contextTerms.contains(prefix) && UriUtils.isAbsoluteUri(value, JsonLdOptions.DEFAULT_URI_VALIDATION);
    }

    /**
     * Every name defined anywhere in the given contexts, scoped contexts and contexts they reference by URL
     * ({@code @import}, a scoped {@code @context} URL) included: a superset of the terms the document can use.
     */
    private Set<String> termsOf(Set<String> contextUrls) {
        String key = String.join(" ", contextUrls);
        Set<String> cached = terms.get(key);
        if (cached != null) {
            return cached;
        }
        Set<String> all = new HashSet<>();
        java.util.Deque<String> pending = new java.util.ArrayDeque<>(contextUrls);
        Set<String> seen = new HashSet<>();
        while (!pending.isEmpty()) {
            String url = pending.pop();
            if (!seen.add(url)) {
                continue;
            }
            try {
                Document loaded = loader.loadDocument(URI.create(url), null);
                JsonStructure content = loaded.getJsonContent().orElse(null);
                if (content == null) {
                    return null;
                }
                collectNames(content, all, pending);
            } catch (JsonLdError | IllegalArgumentException e) {
                return null;
            }
        }
        Set<String> names = Set.copyOf(all);
        bounded(terms).put(key, names);
        return names;
    }

    private static void collectNames(JsonValue value, Set<String> names, java.util.Deque<String> referenced) {
        if (value instanceof JsonObject object) {
            for (Map.Entry<String, JsonValue> entry : object.entrySet()) {
                String name = entry.getKey();
                if (!name.startsWith("@")) {
                    names.add(name);
                } else if ("@context".equals(name) || "@import".equals(name)) {
                    referencedUrls(entry.getValue(), referenced);
                }
                collectNames(entry.getValue(), names, referenced);
            }
        } else if (value instanceof JsonArray array) {
            for (JsonValue item : array) {
                collectNames(item, names, referenced);
            }
        }
    }

    private static void referencedUrls(JsonValue value, java.util.Deque<String> referenced) {
        if (value instanceof JsonString url) {
            referenced.add(url.getString());
        } else if (value instanceof JsonArray array) {
            for (JsonValue item : array) {
                if (item instanceof JsonString url) {
                    referenced.add(url.getString());
                }
            }
        }
    }

    private <V> Map<String, V> bounded(Map<String, V> cache) {
        if (cache.size() >= maxTemplates) {
            cache.clear();
        }
        return cache;
    }

    private static String nonce() {
        byte[] bytes = new byte[12];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /** The shape of a document: a key that equal-shaped documents share, and the slot values in document order. */
    private static final class Shape {

        final StringBuilder key = new StringBuilder(2048);
        final List<String> slots = new ArrayList<>(48);
        final Set<String> contexts = new LinkedHashSet<>(4);
        boolean unsupported;

        void walk(JsonValue value) {
            switch (value.getValueType()) {
                case OBJECT -> {
                    key.append('{');
                    for (Map.Entry<String, JsonValue> entry : value.asJsonObject().entrySet()) {
                        String name = entry.getKey();
                        key.append(name.length()).append('"').append(name).append(':');
                        if ("@context".equals(name)) {
                            context(entry.getValue());
                            json(entry.getValue());
                        } else if (verbatim(name)) {
                            json(entry.getValue());
                        } else {
                            walk(entry.getValue());
                        }
                        key.append(',');
                    }
                    key.append('}');
                }
                case ARRAY -> {
                    key.append('[');
                    for (JsonValue item : value.asJsonArray()) {
                        walk(item);
                        key.append(',');
                    }
                    key.append(']');
                }
                case STRING -> {
                    key.append('$');
                    slots.add(((JsonString) value).getString());
                }
                default -> key.append(value);
            }
        }

        /**
         * A value kept verbatim in the key, as JSON with only {@code "} and {@code \\} escaped in strings, which is
         * enough to tell values apart (JSON-P's own {@code toString} starts a generator for every array).
         */
        private void json(JsonValue value) {
            switch (value.getValueType()) {
                case OBJECT -> {
                    key.append('{');
                    for (Map.Entry<String, JsonValue> entry : value.asJsonObject().entrySet()) {
                        string(entry.getKey());
                        key.append(':');
                        json(entry.getValue());
                        key.append(',');
                    }
                    key.append('}');
                }
                case ARRAY -> {
                    key.append('[');
                    for (JsonValue item : value.asJsonArray()) {
                        json(item);
                        key.append(',');
                    }
                    key.append(']');
                }
                case STRING -> string(((JsonString) value).getString());
                default -> key.append(value);
            }
        }

        private void string(String value) {
            key.append('"');
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if (c == '"' || c == '\\') {
                    key.append('\\');
                }
                key.append(c);
            }
            key.append('"');
        }

        /** Only context URLs can be checked against their terms; an inline context disables templates. */
        private void context(JsonValue value) {
            if (value instanceof JsonString url) {
                contexts.add(url.getString());
            } else if (value instanceof JsonArray array) {
                for (JsonValue item : array) {
                    if (item instanceof JsonString url) {
                        contexts.add(url.getString());
                    } else {
                        unsupported = true;
                    }
                }
            } else {
                unsupported = true;
            }
        }

        /** Values that steer JSON-LD processing itself stay part of the shape: types select scoped contexts. */
        static boolean verbatim(String name) {
            return "type".equals(name)
                    || name.startsWith("@") && !"@id".equals(name) && !"@value".equals(name);
        }

        /** A copy of {@code value} with the n-th slot replaced by {@code slot.apply(n)}, in walk order. */
        static JsonValue substitute(JsonValue value, java.util.function.IntFunction<String> slot, int[] counter) {
            switch (value.getValueType()) {
                case OBJECT: {
                    JsonObjectBuilder builder = JSON.createObjectBuilder();
                    for (Map.Entry<String, JsonValue> entry : value.asJsonObject().entrySet()) {
                        String name = entry.getKey();
                        builder.add(name, "@context".equals(name) || verbatim(name)
                                ? entry.getValue() : substitute(entry.getValue(), slot, counter));
                    }
                    return builder.build();
                }
                case ARRAY: {
                    JsonArrayBuilder builder = JSON.createArrayBuilder();
                    for (JsonValue item : value.asJsonArray()) {
                        builder.add(substitute(item, slot, counter));
                    }
                    return builder.build();
                }
                case STRING:
                    return JSON.createValue(slot.apply(counter[0]++));
                default:
                    return value;
            }
        }
    }

    /** Where each placeholder occurs in a set of quads. */
    private static final class Uses {

        final int[] iri;
        final int[] literal;
        final boolean[] other;

        Uses(int slots) {
            iri = new int[slots];
            literal = new int[slots];
            other = new boolean[slots];
        }

        void scan(List<RdfQuad> quads) {
            for (RdfQuad q : quads) {
                whole(q.subject(), iri);
                whole(q.graph(), iri);
                whole(q.object(), q.isLiteral() ? literal : iri);
                partial(q.predicate());
                partial(q.datatype());
                partial(q.language());
                partial(q.direction());
            }
        }

        int role(int slot) {
            if (other[slot] || iri[slot] > 0 && literal[slot] > 0) {
                return OPAQUE;
            }
            if (iri[slot] > 0) {
                return IRI_SLOT;
            }
            return literal[slot] > 0 ? LITERAL : OPAQUE;
        }

        private void whole(String term, int[] counts) {
            if (term == null || !term.contains(MARK)) {
                return;
            }
            int slot = exactSlot(term);
            if (slot >= 0 && slot < counts.length) {
                counts[slot]++;
            } else {
                partial(term);
            }
        }

        /** Marks every slot whose placeholder occurs inside {@code term} as opaque. */
        private void partial(String term) {
            if (term == null) {
                return;
            }
            for (int at = term.indexOf(MARK); at >= 0; at = term.indexOf(MARK, at + 1)) {
                int end = at + MARK.length();
                int n = 0;
                boolean digits = false;
                while (end < term.length() && Character.isDigit(term.charAt(end)) && n < 1_000_000) {
                    n = n * 10 + (term.charAt(end++) - '0');
                    digits = true;
                }
                if (digits && n < other.length) {
                    other[n] = true;
                } else {
                    java.util.Arrays.fill(other, true);
                }
            }
        }

        private static int exactSlot(String term) {
            if (!term.startsWith(MARK) || !term.endsWith(":") || term.length() <= MARK.length() + 1) {
                return -1;
            }
            String digits = term.substring(MARK.length(), term.length() - 1);
            for (int i = 0; i < digits.length(); i++) {
                if (!Character.isDigit(digits.charAt(i))) {
                    return -1;
                }
            }
            return digits.length() > 7 ? -1 : Integer.parseInt(digits);
        }
    }

    /** A document's quads with each placeholder recorded as a slot reference. */
    private static final class Template {

        static final Template UNUSABLE = new Template(null);

        /** Per quad, 7 terms: a constant string, or null with the slot number in {@link #slots}. */
        private final String[] terms;
        private final int[] slots;

        Template(List<RdfQuad> quads) {
            if (quads == null) {
                terms = null;
                slots = null;
                return;
            }
            terms = new String[quads.size() * 7];
            slots = new int[terms.length];
            int k = 0;
            for (RdfQuad q : quads) {
                for (String term : new String[] {q.subject(), q.predicate(), q.object(), q.datatype(),
                        q.language(), q.direction(), q.graph()}) {
                    int slot = term == null ? -1 : Uses.exactSlot(term);
                    terms[k] = slot >= 0 ? null : term;
                    slots[k] = slot;
                    k++;
                }
            }
        }

        List<RdfQuad> instantiate(List<String> values) {
            if (terms == null) {
                return null;
            }
            Set<RdfQuad> quads = new LinkedHashSet<>(terms.length / 7 * 2);
            for (int k = 0; k < terms.length; k += 7) {
                quads.add(new RdfQuad(term(k, values), term(k + 1, values), term(k + 2, values),
                        term(k + 3, values), term(k + 4, values), term(k + 5, values), term(k + 6, values)));
            }
            return new ArrayList<>(quads);
        }

        private String term(int k, List<String> values) {
            return slots[k] >= 0 ? values.get(slots[k]) : terms[k];
        }
    }
}
