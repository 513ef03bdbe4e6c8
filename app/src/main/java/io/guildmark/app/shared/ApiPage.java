package io.guildmark.app.shared;

import java.util.List;
import java.util.function.Function;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;

/**
 * The JSON shape of every paged list in the API: {@code items}, {@code total} (every match), {@code limit},
 * {@code nextCursor} and {@code next} (this request's address with the next cursor, same filters), both null on the
 * last page. The answer also carries {@code Link: <next>; rel="next"}. See docs/api.md, "Lists and paging".
 */
@JsonInclude(JsonInclude.Include.ALWAYS) // the last page says "next": null rather than leaving it out
public record ApiPage<T>(List<T> items, long total, int limit, @Nullable String nextCursor, @Nullable String next) {

    /** The page as the answer to the current request, with the next page's address and Link header. */
    public static <S, T> ResponseEntity<ApiPage<T>> of(ListPage<S> page, Function<? super S, ? extends T> view, GuildmarkSettings settings) {
        String next = page.nextCursor() == null ? null : nextUrl(page.nextCursor(), settings);
        ApiPage<T> body = new ApiPage<>(page.items().stream().<T>map(view).toList(), page.total(), page.limit(), page.nextCursor(), next);
        ResponseEntity.BodyBuilder answer = ResponseEntity.ok();
        if (next != null) answer.header(HttpHeaders.LINK, "<" + next + ">; rel=\"next\"");
        return answer.body(body);
    }

    /** The current request's address with {@code cursor} replaced (and {@code offset}/{@code page} dropped), absolute. */
    static String nextUrl(String cursor, GuildmarkSettings settings) {
        return ListLinks.current(settings, "", java.util.Map.of("cursor", cursor), java.util.Set.of("offset", "page"));
    }
}
