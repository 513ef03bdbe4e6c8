package io.guildmark.app.shared;

import java.util.List;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

/**
 * One page of a staff list: its rows, how many rows match in all, the page size, and the cursor of the next page
 * ({@code null} on the last). {@code offset} is where the page starts when it was asked for by position (the staff
 * pages' page numbers), 0 for a cursor page.
 */
public record ListPage<T>(List<T> items, long total, int limit, int offset, @Nullable String nextCursor) {

    public ListPage {
        items = List.copyOf(items);
    }

    public <R> ListPage<R> map(Function<? super T, ? extends R> f) {
        return new ListPage<>(items.stream().<R>map(f).toList(), total, limit, offset, nextCursor);
    }

    /** 1-based number of the page (for position pages). */
    public int pageNumber() {
        return offset / Math.max(1, limit) + 1;
    }

    public long pages() {
        return Math.max(1, (total + limit - 1) / limit);
    }

    /** The position of the first row shown, 1-based, or 0 when there is none: "showing 1–50 of 100,000". */
    public long first() {
        return items.isEmpty() ? 0 : offset + 1L;
    }

    public long last() {
        return offset + (long) items.size();
    }
}
