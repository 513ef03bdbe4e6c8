package io.guildmark.app.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import io.guildmark.app.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.server.PathContainer;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.pattern.PathPattern;

/**
 * The handler lookup's shortcut ({@link LiteralSegmentHandlerMapping}) never passes over a mapping that matches: checked
 * for every path pattern of the app against paths made from every pattern, and end to end for 404, 405 and a templated
 * API path.
 */
class HandlerLookupIntegrationTest extends IntegrationTest {

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @Test
    void theAppLooksHandlersUpThroughTheShortcut() {
        assertThat(mappings).isInstanceOf(LiteralSegmentHandlerMapping.class);
    }

    @Test
    void noMappingThatMatchesAPathIsPassedOver() {
        Set<RequestMappingInfo> infos = mappings.getHandlerMethods().keySet();
        Set<String> paths = new LinkedHashSet<>(List.of("/", "/api", "/api/", "/api/v1/organizations/acme/awards/",
                "/api/v1/organizations//awards", "/x.png"));
        for (RequestMappingInfo info : infos) {
            for (PathPattern pattern : info.getPathPatternsCondition().getPatterns()) paths.addAll(examplePaths(pattern.getPatternString()));
        }
        int compared = 0;
        for (RequestMappingInfo info : infos) {
            LiteralSegmentHandlerMapping.Gate gate = LiteralSegmentHandlerMapping.Gate.of(info);
            for (String path : paths) {
                boolean springMatches = info.getPathPatternsCondition().getPatterns().stream()
                        .anyMatch(p -> p.matches(PathContainer.parsePath(path)));
                if (springMatches) {
                    assertThat(gate.mayMatch(path.split("/", -1))).as("%s for %s", info, path).isTrue();
                    compared++;
                }
            }
        }
        assertThat(compared).isGreaterThan(infos.size());
    }

    @Test
    void anAwardLookupEvaluatesOnlyTheAwardsMappings() {
        String[] path = "/api/v1/organizations/acme/awards".split("/", -1);
        List<String> left = mappings.getHandlerMethods().keySet().stream()
                .filter(info -> LiteralSegmentHandlerMapping.Gate.of(info).mayMatch(path)).map(String::valueOf).toList();
        assertThat(left).hasSizeBetween(1, 4).allMatch(info -> info.contains("/api/v1/organizations/{slug}/awards"));
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
        assertThat(admin().put("/api/v1/organizations/nobody-here/awards", java.util.Map.of()).status()).isEqualTo(405);
        assertThat(admin().get("/api/v1/organizations/nobody-here/awards").status()).isEqualTo(404);
        assertThat(admin().get("/api/v1/organizations/nobody-here/%61wards").status()).isEqualTo(404);
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
