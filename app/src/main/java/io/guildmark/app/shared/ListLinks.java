package io.guildmark.app.shared;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Addresses of the same list with other paging: the next page of the API, a page number or the CSV export on the
 * staff pages, keeping every filter of the current request. Root-relative unless a base is given. Used by
 * {@code fragments/pager.html} as the request attribute {@code listLinks} ({@link PageModel})
 * (a bean reference is not allowed in a link expression).
 */
public class ListLinks {

    ListLinks() {}

    /** This page's address with {@code page=n} (staff pages). */
    public String page(long n) {
        return current("", Map.of("page", Long.toString(n)), Set.of("cursor", "offset"));
    }

    /** This list's CSV export with the same filters: the path with {@code .csv}, no paging. */
    public String csv() {
        return current(".csv", Map.of(), Set.of("page", "cursor", "offset", "limit"));
    }

    static String current(String suffix, Map<String, String> replace, Set<String> drop) {
        return current(null, suffix, replace, drop);
    }

    static String current(@Nullable GuildmarkSettings settings, String suffix, Map<String, String> replace, Set<String> drop) {
        HttpServletRequest request = ((ServletRequestAttributes) RequestContextHolder.currentRequestAttributes()).getRequest();
        String path = request.getRequestURI() + suffix;
        StringBuilder query = new StringBuilder();
        request.getParameterMap().forEach((name, values) -> {
            if (drop.contains(name) || replace.containsKey(name)) return;
            for (String v : values) if (v != null && !v.isEmpty()) append(query, name, v);
        });
        replace.forEach((name, v) -> append(query, name, v));
        // The path is as the request had it (already encoded); each parameter is encoded once here, "+" included.
        return (settings == null ? path : settings.url(path)) + (query.isEmpty() ? "" : "?" + query);
    }

    private static void append(StringBuilder query, String name, String value) {
        if (!query.isEmpty()) query.append('&');
        query.append(URLEncoder.encode(name, StandardCharsets.UTF_8)).append('=').append(URLEncoder.encode(value, StandardCharsets.UTF_8));
    }
}
