package io.guildmark.app.shared;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.springframework.web.cors.CorsUtils;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.condition.PathPatternsRequestCondition;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Spring MVC's handler lookup through an index of the mappings' literal path segments. A request whose path is not one
 * of the literal paths ({@code /api/v1/organizations/{slug}/awards} is not) makes Spring evaluate every one of the app's
 * ~480 mappings in turn, each starting with the request's method read through a dozen request wrappers: about 15 % of
 * an award's request CPU. Here the request's path segments are walked down a tree of the patterns' segments (literal
 * segments by value, variables and wildcards on their own branch), so only the few mappings whose literal segments
 * and segment count fit the path are evaluated, by Spring's own conditions.
 *
 * <p>The rest follows Spring's {@code AbstractHandlerMethodMapping.lookupHandlerMethod} step by step: mappings whose
 * direct (variable-free) path is the lookup path first, the candidates only if none of those matches, the same
 * comparator, the same ambiguity error, {@code handleMatch}, and {@code handleNoMatch} (405, 415, 406, OPTIONS) given
 * the candidates, which hold every mapping whose pattern matches the path. Candidates keep the order of Spring's
 * registry, so even the order of an {@code Allow} header is unchanged. {@code HandlerLookupIntegrationTest} compares
 * this lookup with Spring's full scan for every pattern of the app.
 *
 * <p>Where the comparison of segments would not be exact, Spring's full scan answers: paths with percent-encoding
 * (Spring decodes before matching), paths that are not absolute, case-insensitive matching, CORS pre-flight requests
 * (whose ambiguity rule needs each mapping's CORS setting). A mapping registered at run time is in the index from the
 * next lookup on.
 */
final class LiteralSegmentHandlerMapping extends RequestMappingHandlerMapping {

    /**
     * The mappings in the order of Spring's registry, a {@code HashMap}: this map receives the same puts and removes in
     * the same order, so it iterates in the same order (a 405's {@code Allow} header and a 415's {@code Accept} list
     * their values in that order). Guarded by itself.
     */
    private final Map<RequestMappingInfo, Boolean> registryOrder = new HashMap<>();

    private static final BitSet NONE = new BitSet();

    /** Mappings registered or unregistered; an index built at another count is out of date. */
    private final AtomicInteger changes = new AtomicInteger();

    private volatile @Nullable Index index;

    @Override
    protected @Nullable HandlerMethod lookupHandlerMethod(String lookupPath, HttpServletRequest request) throws Exception {
        if (!segmentsCompareExactly(lookupPath) || CorsUtils.isPreFlightRequest(request)) {
            return super.lookupHandlerMethod(lookupPath, request);
        }
        Index index = currentIndex();
        List<Match> matches = index.matching(index.direct.getOrDefault(lookupPath, NONE), request, this);
        BitSet candidates = null;
        if (matches.isEmpty()) {
            candidates = index.candidates(lookupPath.split("/", -1));
            matches = index.matching(candidates, request, this);
        }
        if (matches.isEmpty()) {
            return handleNoMatch(index.mappings(candidates), lookupPath, request);
        }
        Match best = matches.get(0);
        if (matches.size() > 1) {
            Comparator<RequestMappingInfo> mappingOrder = getMappingComparator(request);
            Comparator<Match> order = (a, b) -> mappingOrder.compare(a.mapping(), b.mapping());
            matches.sort(order);
            best = matches.get(0);
            if (logger.isTraceEnabled()) logger.trace(matches.size() + " matching mappings: " + matches);
            Match second = matches.get(1);
            if (order.compare(best, second) == 0) {
                throw new IllegalStateException("Ambiguous handler methods mapped for '" + request.getRequestURI() + "': {"
                        + best.handler().getMethod() + ", " + second.handler().getMethod() + "}");
            }
        }
        request.setAttribute(BEST_MATCHING_HANDLER_ATTRIBUTE, best.handler());
        handleMatch(best.mapping(), lookupPath, request);
        return best.handler();
    }

    /** Spring's own lookup, evaluating every mapping: what this one must always agree with (for the tests). */
    @Nullable HandlerMethod lookupByFullScan(String lookupPath, HttpServletRequest request) throws Exception {
        return super.lookupHandlerMethod(lookupPath, request);
    }

    /** The mappings the index leaves for a path (for the tests). */
    Set<RequestMappingInfo> candidates(String lookupPath) {
        Index index = currentIndex();
        return index.mappings(index.candidates(lookupPath.split("/", -1)));
    }

    @Override
    protected void registerHandlerMethod(Object handler, Method method, RequestMappingInfo mapping) {
        super.registerHandlerMethod(handler, method, mapping);
        registered(mapping, true);
    }

    @Override
    public void registerMapping(RequestMappingInfo mapping, Object handler, Method method) {
        super.registerMapping(mapping, handler, method);
        registered(mapping, true);
    }

    @Override
    public void unregisterMapping(RequestMappingInfo mapping) {
        super.unregisterMapping(mapping);
        registered(mapping, false);
    }

    /** After Spring's registry changed, so that an index built at the new count includes the change. */
    private void registered(RequestMappingInfo mapping, boolean present) {
        synchronized (registryOrder) {
            if (present) registryOrder.put(mapping, Boolean.TRUE);
            else registryOrder.remove(mapping);
        }
        changes.incrementAndGet();
    }

    private boolean segmentsCompareExactly(String lookupPath) {
        PathPatternParser parser = getPatternParser();
        return parser != null && parser.isCaseSensitive() && parser.getPathOptions().separator() == '/'
                && lookupPath.startsWith("/") && lookupPath.indexOf('%') < 0 && lookupPath.indexOf(';') < 0;
    }

    /** Called under the registry's read lock (as every lookup is), so Spring's mappings cannot change meanwhile. */
    private Index currentIndex() {
        int count = changes.get();
        Index current = index;
        if (current == null || current.changes != count) {
            Map<RequestMappingInfo, HandlerMethod> handlers = getHandlerMethods();
            List<RequestMappingInfo> ranked;
            synchronized (registryOrder) {
                ranked = new ArrayList<>(registryOrder.keySet());
                ranked.retainAll(handlers.keySet());
                // Never leave a mapping out, even one registered some other way (it is then ranked last).
                for (RequestMappingInfo mapping : handlers.keySet()) {
                    if (!registryOrder.containsKey(mapping)) ranked.add(mapping);
                }
            }
            current = Index.of(ranked, handlers, this::getDirectPaths, count);
            index = current;
        }
        return current;
    }

    /** A mapping that matched the request (with the conditions that matched) and its handler. */
    private record Match(RequestMappingInfo mapping, HandlerMethod handler) {

        @Override
        public String toString() {
            return mapping.toString();
        }
    }

    /**
     * The mappings by their path segments. Each mapping has a rank, its place in Spring's registry, so candidates are a
     * set of ranks, kept in that order and free of duplicates (a mapping with two patterns is reached twice).
     */
    static final class Index {

        final int changes;
        final RequestMappingInfo[] mappings;
        final HandlerMethod[] handlers;
        /** The mappings for each of their variable-free paths, as Spring's registry keeps them. */
        final Map<String, BitSet> direct = new HashMap<>();
        final Node root = new Node();
        /** Mappings without path patterns, or with one this cannot read: evaluated for every path. */
        final BitSet everywhere = new BitSet();

        private Index(List<RequestMappingInfo> ranked, Map<RequestMappingInfo, HandlerMethod> handlers, int changes) {
            this.changes = changes;
            this.mappings = ranked.toArray(RequestMappingInfo[]::new);
            this.handlers = ranked.stream().map(handlers::get).toArray(HandlerMethod[]::new);
        }

        static Index of(List<RequestMappingInfo> ranked, Map<RequestMappingInfo, HandlerMethod> handlers,
                Function<RequestMappingInfo, Set<String>> directPaths, int changes) {
            Index index = new Index(ranked, handlers, changes);
            for (int rank = 0; rank < index.mappings.length; rank++) {
                RequestMappingInfo mapping = index.mappings[rank];
                for (String path : directPaths.apply(mapping)) index.direct.computeIfAbsent(path, p -> new BitSet()).set(rank);
                List<PatternSegments> patterns = patterns(mapping);
                if (patterns == null) {
                    index.everywhere.set(rank);
                    continue;
                }
                for (PatternSegments pattern : patterns) index.root.add(pattern, rank);
            }
            return index;
        }

        /** A mapping's patterns as segments; null when it has none or one cannot be read (so it is always evaluated). */
        static @Nullable List<PatternSegments> patterns(RequestMappingInfo mapping) {
            PathPatternsRequestCondition condition = mapping.getPathPatternsCondition();
            if (condition == null || condition.getPatterns().isEmpty()) return null;
            List<PatternSegments> patterns = new ArrayList<>();
            for (PathPattern pattern : condition.getPatterns()) {
                PatternSegments segments = PatternSegments.of(pattern.getPatternString());
                if (segments == null) return null;
                patterns.add(segments);
            }
            return patterns;
        }

        /** Ranks of the mappings whose literal segments and segment count allow the path ({@code "/a/b"}: "", a, b). */
        BitSet candidates(String[] path) {
            BitSet candidates = (BitSet) everywhere.clone();
            root.collect(path, 0, candidates);
            return candidates;
        }

        /** Spring's conditions, evaluated for the mappings of these ranks in rank order. */
        List<Match> matching(BitSet ranks, HttpServletRequest request, LiteralSegmentHandlerMapping lookup) {
            List<Match> matches = new ArrayList<>(2);
            for (int rank = ranks.nextSetBit(0); rank >= 0; rank = ranks.nextSetBit(rank + 1)) {
                RequestMappingInfo match = lookup.getMatchingMapping(mappings[rank], request);
                if (match != null) matches.add(new Match(match, handlers[rank]));
            }
            return matches;
        }

        Set<RequestMappingInfo> mappings(@Nullable BitSet ranks) {
            Set<RequestMappingInfo> set = new LinkedHashSet<>();
            if (ranks == null) return set;
            for (int rank = ranks.nextSetBit(0); rank >= 0; rank = ranks.nextSetBit(rank + 1)) set.add(mappings[rank]);
            return set;
        }
    }

    /** One segment's place in the tree: literal next segments by value, any variable or wildcard segment on one branch. */
    static final class Node {

        private final Map<String, Node> literals = new HashMap<>();
        private @Nullable Node variable;
        /** Patterns that end here. */
        private final BitSet ending = new BitSet();
        /** Patterns with {@code **} or {@code {*name}} here, which match any rest of the path, even none. */
        private final BitSet anyRest = new BitSet();

        void add(PatternSegments pattern, int rank) {
            Node node = this;
            for (@Nullable String segment : pattern.segments()) {
                if (segment == null) {
                    if (node.variable == null) node.variable = new Node();
                    node = node.variable;
                } else {
                    node = node.literals.computeIfAbsent(segment, s -> new Node());
                }
            }
            (pattern.rest() ? node.anyRest : node.ending).set(rank);
        }

        void collect(String[] path, int depth, BitSet candidates) {
            candidates.or(anyRest);
            if (depth == path.length) {
                candidates.or(ending);
                return;
            }
            Node literal = literals.get(path[depth]);
            if (literal != null) literal.collect(path, depth + 1, candidates);
            if (variable != null) variable.collect(path, depth + 1, candidates);
        }
    }

    /**
     * A pattern's segments split at {@code /}: a literal segment must equal the path's segment at the same place; null
     * marks a segment with a variable or wildcard. With {@code **} or {@code {*name}} only the segments before it are
     * compared (they may match nothing, so also the path's end); otherwise the path has as many segments.
     */
    record PatternSegments(@Nullable String[] segments, boolean rest) {

        /** Null when the pattern is not one this can read safely (then the mapping is always evaluated). */
        static @Nullable PatternSegments of(String pattern) {
            if (!pattern.startsWith("/")) return null;
            List<@Nullable String> segments = new ArrayList<>();
            StringBuilder segment = new StringBuilder();
            boolean wildcard = false;
            int depth = 0;
            for (int i = 0; i <= pattern.length(); i++) {
                char c = i < pattern.length() ? pattern.charAt(i) : '/';
                if (c == '/' && depth == 0) {
                    String text = segment.toString();
                    if (text.equals("**") || text.startsWith("{*")) return new PatternSegments(segments.toArray(String[]::new), true);
                    segments.add(wildcard ? null : text);
                    segment.setLength(0);
                    wildcard = false;
                    continue;
                }
                if (c == '{') depth++;
                if (c == '}') depth--;
                if (depth < 0) return null;
                if (c == '{' || c == '*' || c == '?' || c == '%' || c == ';' || c == '\\') wildcard = true;
                segment.append(c);
            }
            if (depth != 0) return null;
            return new PatternSegments(segments.toArray(String[]::new), false);
        }

        /** Whether a path's segments may match: literal segments equal, and as many segments (or more, with a rest). */
        boolean mayMatch(String[] path) {
            if (!rest && path.length != segments.length) return false;
            for (int i = 0; i < segments.length; i++) {
                String literal = segments[i];
                if (literal == null) continue;
                if (i >= path.length) return false;
                if (!literal.equals(path[i])) return false;
            }
            return true;
        }
    }
}
