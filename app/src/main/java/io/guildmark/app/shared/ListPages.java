package io.guildmark.app.shared;

import java.util.function.Supplier;

import org.springframework.ui.Model;

/** What every staff list page does with its filters. */
public final class ListPages {

    private ListPages() {}

    /**
     * The filtered page; when a filter is invalid (an unknown state, a malformed date), its message above the list and
     * the unfiltered page instead, so a bad link still shows the list rather than an error page.
     */
    public static <T> ListPage<T> filteredOrAll(Model model, Supplier<ListPage<T>> filtered, Supplier<ListPage<T>> all) {
        try {
            return filtered.get();
        } catch (Problem problem) {
            if (problem.kind() != Problem.Kind.INVALID) throw problem;
            model.addAttribute("filterMessage", problem.getMessage());
            return all.get();
        }
    }
}
