package io.guildmark.app.shared;

import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** What every page's header needs to know. */
@ControllerAdvice
class PageModel {

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
