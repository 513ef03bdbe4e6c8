package io.guildmark.app.shared;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.condition.PathPatternsRequestCondition;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.pattern.PathPattern;

/**
 * Spring MVC's handler lookup, made cheap for paths with variables. A request whose path is not one of the literal
 * paths ({@code /api/v1/organizations/{slug}/awards} is not) makes Spring evaluate every one of the app's ~450
 * mappings in turn, each starting with the request's method through a dozen request wrappers: about 15 % of an
 * award's request CPU. Here a mapping whose literal segments cannot match the request's path is passed over with a few
 * string comparisons before Spring evaluates its conditions; every mapping that might match is evaluated by Spring
 * exactly as before, so which handler answers (and every 404, 405 and 415) is unchanged.
 *
 * <p>Only where the comparison is exact: paths with percent-encoding or {@code ;} parameters, which Spring decodes or
 * strips before matching, and case-insensitive matching go through Spring's full evaluation.
 */
final class LiteralSegmentHandlerMapping extends RequestMappingHandlerMapping {

    /** The segments of the path being looked up on this thread, or null when the gate does not apply. */
    private static final ThreadLocal<String @Nullable []> LOOKUP_SEGMENTS = new ThreadLocal<>();

    /**
     * Each mapping's gate, by identity (a mapping's own hashCode is computed anew on every call): copied on write, as
     * mappings are registered once at start-up and looked up on every request.
     */
    private volatile Map<RequestMappingInfo, Gate> gates = new IdentityHashMap<>();

    @Override
    protected @Nullable HandlerMethod lookupHandlerMethod(String lookupPath, HttpServletRequest request) throws Exception {
        boolean exact = getPatternParser() != null && getPatternParser().isCaseSensitive() && lookupPath.startsWith("/")
                && lookupPath.indexOf('%') < 0 && lookupPath.indexOf(';') < 0;
        if (!exact) return super.lookupHandlerMethod(lookupPath, request);
        LOOKUP_SEGMENTS.set(lookupPath.split("/", -1));
        try {
            return super.lookupHandlerMethod(lookupPath, request);
        } finally {
            LOOKUP_SEGMENTS.remove();
        }
    }

    @Override
    protected @Nullable RequestMappingInfo getMatchingMapping(RequestMappingInfo info, HttpServletRequest request) {
        String[] segments = LOOKUP_SEGMENTS.get();
        if (segments != null && !gate(info).mayMatch(segments)) return null;
        return super.getMatchingMapping(info, request);
    }

    private Gate gate(RequestMappingInfo info) {
        Gate gate = gates.get(info);
        if (gate != null) return gate;
        synchronized (this) {
            Map<RequestMappingInfo, Gate> more = new IdentityHashMap<>(gates);
            gate = more.computeIfAbsent(info, Gate::of);
            gates = more;
            return gate;
        }
    }

    /** What a mapping's path patterns require of a path's segments: a pattern per entry; none means "any path". */
    record Gate(List<PatternSegments> patterns) {

        private static final Gate ANY = new Gate(List.of());

        static Gate of(RequestMappingInfo info) {
            PathPatternsRequestCondition condition = info.getPathPatternsCondition();
            if (condition == null) return ANY;
            List<PatternSegments> patterns = new ArrayList<>();
            for (PathPattern pattern : condition.getPatterns()) {
                PatternSegments segments = PatternSegments.of(pattern.getPatternString());
                if (segments == null) return ANY;
                patterns.add(segments);
            }
            return patterns.isEmpty() ? ANY : new Gate(List.copyOf(patterns));
        }

        boolean mayMatch(String[] path) {
            if (patterns.isEmpty()) return true;
            for (PatternSegments pattern : patterns) {
                if (pattern.mayMatch(path)) return true;
            }
            return false;
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
