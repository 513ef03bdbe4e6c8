package io.guildmark.app.shared;

import java.util.List;
import java.util.function.Function;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The JSON shape of every paged list in the API: {@code items}, {@code total} (every match), {@code limit},
 * {@code nextCursor} and {@code next} (this request's address with the next cursor, same filters), both null on the
 * last page. The answer also carries {@code Link: <next>; rel="next"}. See docs/api.md, "Lists and paging".
 */
public record ApiPage<T>(List<T> items, long total, int limit, @Nullable String nextCursor, @Nullable String next) {

    /** The page as the answer to the current request, with the next page's address and Link header. */
    public static <S, T> ResponseEntity<ApiPage<T>> of(ListPage<S> page, Function<? super S, ? extends T> view, GuildmarkSettings settings) {
        String next = page.nextCursor() == null ? null : nextUrl(page.nextCursor(), settings);
        ApiPage<T> body = new ApiPage<>(page.items().stream().<T>map(view).toList(), page.total(), page.limit(), page.nextCursor(), next);
        ResponseEntity.BodyBuilder answer = ResponseEntity.ok();
        if (next != null) answer.header(HttpHeaders.LINK, "<" + next + ">; rel=\"next\"");
        return answer.body(body);
    }

    /** The current request's address with {@code cursor} replaced (and {@code offset}/{@code page} dropped). */
    static String nextUrl(String cursor, GuildmarkSettings settings) {
        HttpServletRequest request = ((ServletRequestAttributes) RequestContextHolder.currentRequestAttributes()).getRequest();
        UriComponentsBuilder uri = UriComponentsBuilder.fromUriString(settings.url(request.getRequestURI()));
        if (request.getQueryString() != null) uri.query(request.getQueryString());
        // The cursor is URL-safe base64 and a dot: nothing to encode.
        return uri.replaceQueryParam("cursor", cursor).replaceQueryParam("offset").replaceQueryParam("page").build(true).toUriString();
    }
}
