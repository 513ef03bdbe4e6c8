package io.guildmark.app.notifications;

import jakarta.servlet.http.HttpServletRequest;

import io.guildmark.app.shared.ClientAddress;
import io.guildmark.app.shared.CurrentActor;
import io.guildmark.app.shared.GuildmarkSettings;
import io.guildmark.app.shared.Problem;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * Demo mode only: the e-mail that would have been sent, so the demo works without a mail server. It holds reset and
 * claim links, so only this machine and platform operators see it ({@link OutboxAccess}); anyone else gets 404.
 */
@Controller
class OutboxController {

    /** A message as the page shows it, its links made clickable. */
    record ShownEmail(Mailer.OutboundEmail email, String bodyHtml) {}

    private final Mailer mailer;
    private final GuildmarkSettings settings;
    private final OutboxLinks links;

    OutboxController(Mailer mailer, GuildmarkSettings settings, OutboxLinks links) {
        this.mailer = mailer;
        this.settings = settings;
        this.links = links;
    }

    @GetMapping("/dev/outbox")
    String outbox(Model model, HttpServletRequest request) {
        if (!OutboxAccess.of(settings, ClientAddress.isLoopback(request), CurrentActor.find()).allowed()) {
            throw Problem.notFound("This page");
        }
        model.addAttribute("emails", mailer.recent(50).stream().map(e -> new ShownEmail(e, links.linkify(e.body()))).toList());
        return "notifications/outbox";
    }
}
