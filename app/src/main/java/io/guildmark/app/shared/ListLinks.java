package io.guildmark.app.shared;

import java.util.Map;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Addresses of the same list with other paging: the next page of the API, a page number or the CSV export on the
 * staff pages, keeping every filter of the current request. Root-relative unless a base is given. Used by
 * {@code fragments/pager.html} as the model attribute {@code listLinks}
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
        UriComponentsBuilder uri = settings == null ? UriComponentsBuilder.fromPath(path) : UriComponentsBuilder.fromUriString(settings.url(path));
        request.getParameterMap().forEach((name, values) -> {
            if (!drop.contains(name) && !replace.containsKey(name)) {
                for (String v : values) if (v != null && !v.isEmpty()) uri.queryParam(name, v);
            }
        });
        replace.forEach(uri::queryParam);
        // Values go in raw and are encoded once here; a value with braces is not a template.
        return uri.build().encode().toUriString();
    }
}
