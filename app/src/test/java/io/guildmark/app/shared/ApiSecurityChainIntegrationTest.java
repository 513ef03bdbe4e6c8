package io.guildmark.app.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.guildmark.app.support.Api;
import io.guildmark.app.support.Fixtures;
import io.guildmark.app.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.web.FilterChainProxy;
import org.springframework.security.web.SecurityFilterChain;
import tools.jackson.databind.JsonNode;

/**
 * The API's security filter chain keeps only the filters that act on a bearer-token request, and what callers see is
 * unchanged: the same security headers on every answer (accepted, refused, not found), 401 and 403 as problem details
 * with their codes, and no session or cookie.
 */
class ApiSecurityChainIntegrationTest extends IntegrationTest {

    /** What Spring Security's header writers send on plain HTTP (HSTS only goes over HTTPS). */
    private static final Map<String, String> SECURITY_HEADERS = Map.of(
            "X-Content-Type-Options", "nosniff",
            "X-XSS-Protection", "0",
            "Cache-Control", "no-cache, no-store, max-age=0, must-revalidate",
            "Pragma", "no-cache",
            "Expires", "0",
            "X-Frame-Options", "DENY");

    @Autowired
    FilterChainProxy securityFilters;

    @Test
    void aBearerRequestPassesOnlyTheFiltersThatActOnIt() {
        List<String> filters = apiChain().getFilters().stream().map(filter -> filter.getClass().getSimpleName()).toList();
        assertThat(filters).contains("HeaderWriterFilter", "BearerTokenFilter", "ExceptionTranslationFilter", "AuthorizationFilter")
                .doesNotContain("LogoutFilter", "AnonymousAuthenticationFilter", "SessionManagementFilter",
                        "RequestCacheAwareFilter", "SecurityContextHolderAwareRequestFilter", "CsrfFilter");
    }

    @Test
    void everyApiAnswerCarriesTheSecurityHeaders() {
        String slug = Fixtures.createOrganization(admin(), "headers");
        Api key = api().withToken(Fixtures.createApiKey(admin(), slug));
        Map<String, Api.Response> answers = new LinkedHashMap<>();
        answers.put("accepted", key.get("/api/v1/organizations/" + slug));
        answers.put("created", admin().post("/api/v1/organizations/" + slug + "/api-keys", Map.of("name", "second key")));
        answers.put("forbidden", key.post("/api/v1/organizations/" + slug + "/api-keys", Map.of("name", "third key")));
        answers.put("no token", api().get("/api/v1/organizations/" + slug));
        answers.put("unknown token", api().withToken("gm_not-a-key").get("/api/v1/organizations/" + slug));
        answers.put("not found", key.get("/api/v1/organizations/" + slug + "/no-such-thing"));
        answers.put("wrong method", key.put("/api/v1/organizations/" + slug + "/awards", Map.of()));
        answers.put("invalid body", key.post("/api/v1/organizations/" + slug + "/awards", Map.of("recipient", 3)));
        answers.put("public", api().get("/api/v1/catalog"));
        answers.forEach((what, response) -> {
            Map<String, String> headers = new LinkedHashMap<>();
            SECURITY_HEADERS.keySet().forEach(name -> headers.put(name, response.header(name)));
            assertThat(headers).as("%s (%d): %s", what, response.status(), response.headers().map()).isEqualTo(SECURITY_HEADERS);
            assertThat(response.header("Set-Cookie")).as(what).isNull();
        });
        assertThat(answers.get("accepted").status()).isEqualTo(200);
        assertThat(answers.get("created").status()).isEqualTo(201);
        assertThat(answers.get("forbidden").status()).isEqualTo(403);
    }

    @Test
    void aMissingOrUnknownTokenIsRefusedWith401ProblemDetails() {
        String slug = Fixtures.createOrganization(admin(), "unauthorized");
        Api.Response missing = api().get("/api/v1/organizations/" + slug + "/awards");
        assertProblem(missing, 401, "unauthorized", "Send an API key as 'Authorization: Bearer <key>'.");
        Api.Response unknown = api().withToken("gm_not-a-key").get("/api/v1/organizations/" + slug + "/awards");
        assertProblem(unknown, 401, "invalid-token", "The bearer token is not a valid API key or has been revoked.");
        Api.Response basic = send("/api/v1/organizations/" + slug + "/awards", "Authorization", "Basic YWRtaW46YWRtaW4=");
        assertProblem(basic, 401, "unauthorized", "Send an API key as 'Authorization: Bearer <key>'.");
    }

    @Test
    void anOrganizationKeyIsRefusedWhatOnlyThePlatformOperatorMayDo() {
        String slug = Fixtures.createOrganization(admin(), "forbidden");
        Api key = api().withToken(Fixtures.createApiKey(admin(), slug));
        Api.Response response = key.post("/api/v1/admin/organizations/" + slug + "/approval",
                Map.of("decision", "approve", "note", "Approving myself."));
        assertThat(response.status()).as(response.body()).isEqualTo(403);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.json().get("status").asInt()).isEqualTo(403);
        assertThat(response.json().get("code").asText()).isNotBlank();
    }

    @Test
    void theApiNeitherReadsNorStartsASession() {
        String slug = Fixtures.createOrganization(admin(), "sessionless");
        // A session cookie does not stand in for a bearer token, and no answer sets one.
        Api.Response withCookie = send("/api/v1/organizations/" + slug, "Cookie", "SESSION=bm90LWEtc2Vzc2lvbg");
        assertThat(withCookie.status()).isEqualTo(401);
        assertThat(withCookie.header("Set-Cookie")).isNull();
        Api key = api().withToken(Fixtures.createApiKey(admin(), slug));
        assertThat(key.get("/api/v1/organizations/" + slug).header("Set-Cookie")).isNull();
    }

    private SecurityFilterChain apiChain() {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/v1/organizations/acme/awards");
        request.setServletPath("/api/v1/organizations/acme/awards");
        return securityFilters.getFilterChains().stream().filter(chain -> chain.matches(request)).findFirst().orElseThrow();
    }

    private static void assertProblem(Api.Response response, int status, String code, String detail) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        JsonNode body = response.json();
        assertThat(body.get("status").asInt()).isEqualTo(status);
        assertThat(body.get("code").asText()).isEqualTo(code);
        assertThat(body.get("type").asText()).isEqualTo("urn:guildmark:problem:" + code);
        assertThat(body.get("detail").asText()).isEqualTo(detail);
        assertThat(response.header("WWW-Authenticate")).isEqualTo("Bearer");
    }

    private Api.Response send(String path, String header, String value) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        try {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(baseUrl() + path))
                    .header("Accept", "application/json").header(header, value).GET().build(), HttpResponse.BodyHandlers.ofString());
            return new Api.Response(response.statusCode(), response.body(), response.headers());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
