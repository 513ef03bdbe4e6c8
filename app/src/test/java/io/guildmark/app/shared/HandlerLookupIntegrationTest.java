package io.guildmark.app.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.guildmark.app.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.server.PathContainer;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.ErrorResponse;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.ServletRequestPathUtils;
import org.springframework.web.util.pattern.PathPattern;

/**
 * The handler lookup's index ({@link LiteralSegmentHandlerMapping}) answers exactly as Spring's scan of every mapping:
 * which handler, with which variables, and which 404, 405, 415 or 406 (with its {@code Allow} or {@code Accept} list
 * in the same order), for paths made from every pattern of the app, under several methods, content types and
 * {@code Accept} headers; and end to end through the running app.
 */
class HandlerLookupIntegrationTest extends IntegrationTest {

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @Test
    void theAppLooksHandlersUpThroughTheIndex() {
        assertThat(mappings).isInstanceOf(LiteralSegmentHandlerMapping.class);
    }

    @Test
    void noMappingWhosePatternMatchesAPathIsLeftOutOfItsCandidates() {
        LiteralSegmentHandlerMapping lookup = (LiteralSegmentHandlerMapping) mappings;
        Set<RequestMappingInfo> infos = mappings.getHandlerMethods().keySet();
        int compared = 0;
        for (String path : allPaths()) {
            Set<RequestMappingInfo> candidates = lookup.candidates(path);
            for (RequestMappingInfo info : infos) {
                boolean springMatches = info.getPathPatternsCondition().getPatterns().stream()
                        .anyMatch(p -> p.matches(PathContainer.parsePath(path)));
                if (springMatches) {
                    assertThat(candidates).as("candidates for %s", path).contains(info);
                    compared++;
                }
            }
        }
        assertThat(compared).isGreaterThan(infos.size());
    }

    @Test
    void anAwardLookupEvaluatesOnlyTheAwardsMappings() {
        Set<RequestMappingInfo> left = ((LiteralSegmentHandlerMapping) mappings).candidates("/api/v1/organizations/acme/awards");
        assertThat(left).hasSizeBetween(1, 4)
                .allMatch(info -> info.toString().contains("/api/v1/organizations/{slug}/awards"));
    }

    @Test
    void theIndexAnswersAsSpringsFullScanForEveryPatternMethodAndMediaType() throws Exception {
        LiteralSegmentHandlerMapping lookup = (LiteralSegmentHandlerMapping) mappings;
        int found = 0;
        int refused = 0;
        for (String path : allPaths()) {
            for (String method : List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS")) {
                boolean withBody = List.of("POST", "PUT", "PATCH").contains(method);
                for (String contentType : withBody ? List.of("", "application/json", "text/csv", "multipart/form-data; boundary=x")
                        : List.of("")) {
                    for (String accept : List.of("", "application/json", "text/html", "image/png")) {
                        String byIndex = outcome(path, method, contentType, accept, lookup, false);
                        String byScan = outcome(path, method, contentType, accept, lookup, true);
                        assertThat(byIndex).as("%s %s (Content-Type %s, Accept %s)", method, path, contentType, accept).isEqualTo(byScan);
                        if (byScan.startsWith("handler")) found++;
                        else refused++;
                    }
                }
            }
        }
        assertThat(found).isGreaterThan(mappings.getHandlerMethods().size());
        assertThat(refused).isGreaterThan(1000);
    }

    @Test
    void patternsAreReadSegmentBySegment() {
        var withRest = LiteralSegmentHandlerMapping.PatternSegments.of("/files/public/**");
        assertThat(withRest.mayMatch("/files/public".split("/", -1))).isTrue();
        assertThat(withRest.mayMatch("/files/public/a/b.png".split("/", -1))).isTrue();
        assertThat(withRest.mayMatch("/files/private/a".split("/", -1))).isFalse();
        var withRegex = LiteralSegmentHandlerMapping.PatternSegments.of("/pathways/{id:[0-9a-fA-F-]{36}}/steps");
        assertThat(withRegex.mayMatch("/pathways/anything/steps".split("/", -1))).isTrue();
        assertThat(withRegex.mayMatch("/pathways/anything/steps/".split("/", -1))).isFalse();
        assertThat(withRegex.mayMatch("/pathways/anything".split("/", -1))).isFalse();
        assertThat(LiteralSegmentHandlerMapping.PatternSegments.of("relative")).isNull();
    }

    @Test
    void unknownPathsAndWrongMethodsAreAnsweredAsBefore() {
        assertThat(admin().get("/api/v1/organizations/nobody-here/no-such-thing").status()).isEqualTo(404);
        var wrongMethod = admin().put("/api/v1/organizations/nobody-here/awards", Map.of());
        assertThat(wrongMethod.status()).isEqualTo(405);
        assertThat(wrongMethod.header("Allow")).contains("GET", "POST");
        assertThat(admin().get("/api/v1/organizations/nobody-here/awards").status()).isEqualTo(404);
        assertThat(admin().get("/api/v1/organizations/nobody-here/%61wards").status()).isEqualTo(404);
    }

    /**
     * What a lookup answered, as text: the handler with its path variables, best pattern and producible types, or the
     * refusal with its status, headers and body; for OPTIONS, the {@code Allow} header Spring's handler would send.
     */
    private static String outcome(String path, String method, String contentType, String accept,
            LiteralSegmentHandlerMapping lookup, boolean fullScan) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest(method, path);
        if (!contentType.isEmpty()) {
            request.setContentType(contentType);
            request.setContent("{}".getBytes());
        }
        if (!accept.isEmpty()) request.addHeader("Accept", accept);
        String lookupPath = ServletRequestPathUtils.parseAndCache(request).pathWithinApplication().value();
        try {
            HandlerMethod handler = fullScan ? lookup.lookupByFullScan(lookupPath, request) : lookup.lookupHandlerMethod(lookupPath, request);
            if (handler == null) return "none";
            String answer = handler.getBean().getClass().getName().contains("HttpOptionsHandler")
                    ? "options " + handler.getMethod().invoke(handler.getBean())
                    : handler.toString();
            return "handler " + answer + " " + request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE)
                    + " " + request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE)
                    + " " + request.getAttribute(HandlerMapping.PRODUCIBLE_MEDIA_TYPES_ATTRIBUTE);
        } catch (Exception refused) {
            String details = refused instanceof ErrorResponse response
                    ? response.getStatusCode() + " " + response.getHeaders() + " " + response.getBody() : "";
            return "refused " + refused.getClass().getName() + " " + refused.getMessage() + " " + details;
        }
    }

    /** Paths made from every pattern of the app, and a few that none matches. */
    private Set<String> allPaths() {
        Set<String> paths = new LinkedHashSet<>(List.of("/", "/api", "/api/", "/api/v1/organizations/acme/awards/",
                "/api/v1/organizations//awards", "/x.png", "/api/v1/organizations/acme/no-such-thing", "//"));
        for (RequestMappingInfo info : mappings.getHandlerMethods().keySet()) {
            for (PathPattern pattern : info.getPathPatternsCondition().getPatterns()) paths.addAll(examplePaths(pattern.getPatternString()));
        }
        return paths;
    }

    /** Paths a pattern matches: each variable or wildcard filled with a few kinds of values. */
    private static List<String> examplePaths(String pattern) {
        List<String> paths = new ArrayList<>();
        for (String value : List.of("x", "3f2c1d9e-0b7a-4c5d-8e6f-1a2b3c4d5e6f", "a.b")) {
            StringBuilder path = new StringBuilder();
            int depth = 0;
            for (int i = 0; i < pattern.length(); i++) {
                char c = pattern.charAt(i);
                if (c == '{') {
                    if (depth++ == 0) path.append(pattern.startsWith("{*", i) ? value + "/" + value : value);
                } else if (c == '}') {
                    depth--;
                } else if (depth == 0) {
                    if (pattern.startsWith("**", i)) {
                        path.append(value).append('/').append(value);
                        i++;
                    } else if (c == '*' || c == '?') {
                        path.append(c == '*' ? value : "q");
                    } else {
                        path.append(c);
                    }
                }
            }
            paths.add(path.toString());
        }
        return paths;
    }
}
