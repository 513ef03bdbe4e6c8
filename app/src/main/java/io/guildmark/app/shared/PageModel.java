package io.guildmark.app.shared;

import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** What every page's header needs to know. */
@ControllerAdvice
public class PageModel {

    /**
     * Set by a public page that sends nothing (a badge, the catalog, an issuer): it carries no CSRF token for an
     * anonymous visitor, so a shared link's thousands of views start no sessions.
     */
    public static final String READ_ONLY_PAGE = "readOnlyPage";

    @ModelAttribute("signedIn")
    boolean signedIn() {
        return CurrentActor.person().isPresent();
    }

    private static final ListLinks LIST_LINKS = new ListLinks();

    @ModelAttribute("listLinks")
    ListLinks listLinks() {
        return LIST_LINKS;
    }
}
