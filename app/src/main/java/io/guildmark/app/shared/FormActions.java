package io.guildmark.app.shared;

import java.util.function.Supplier;

import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * A change made from a form that redirects back to its page: on success the page shows what happened; a problem the
 * person can fix (bad input, a conflict) is shown as a message; "not found" and "forbidden" stay error pages, so an
 * outsider learns nothing from a message.
 */
public final class FormActions {

    private FormActions() {}

    /** Runs the change; the supplier does it and answers the message to show on success. */
    public static void attempt(RedirectAttributes redirect, Supplier<String> change) {
        try {
            redirect.addFlashAttribute("notice", change.get());
        } catch (Problem problem) {
            if (problem.kind() == Problem.Kind.NOT_FOUND || problem.kind() == Problem.Kind.FORBIDDEN) throw problem;
            redirect.addFlashAttribute("error", problem.getMessage());
        }
    }
}
