package io.guildmark.app.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.guildmark.app.support.Api;
import io.guildmark.app.support.IntegrationTest;
import io.guildmark.app.support.WebSession;
import org.junit.jupiter.api.Test;

/**
 * Finding: {@code GET /error} answered 500 (the error page, asked for directly, had no error to show and reported
 * itself as one). Asked for directly it is now a page that does not exist: 404 with the readable page, or a problem.
 */
class ErrorPageIsNot500IntegrationTest extends IntegrationTest {

    @Test
    void theErrorPageAskedForDirectlyIsA404Page() {
        WebSession browser = new WebSession(baseUrl());
        WebSession.Page page = browser.get("/error");
        assertThat(page.status()).isEqualTo(404);
        assertThat(page.body()).contains("<html").doesNotContainIgnoringCase("exception");
    }

    @Test
    void theErrorPageAskedForByAnApiClientIsA404Problem() {
        Api.Response answer = api().get("/error", "application/json");
        assertThat(answer.status()).isEqualTo(404);
        Api.Response posted = api().post("/error", new byte[0], "application/json");
        assertThat(posted.status()).isNotEqualTo(500);
    }

    @Test
    void realErrorsStillShowTheirOwnStatus() {
        WebSession.Page missing = new WebSession(baseUrl()).get("/css/no-such-file.css");
        assertThat(missing.status()).isEqualTo(404);
        Api.Response problem = api().get("/api/v1/catalog/not-a-uuid");
        assertThat(problem.status()).isIn(400, 404);
    }
}
