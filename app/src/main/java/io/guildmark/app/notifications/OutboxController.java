package io.guildmark.app.notifications;

import io.guildmark.app.shared.GuildmarkSettings;
import io.guildmark.app.shared.Problem;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** Demo mode only: the e-mail that would have been sent, so the demo works without a mail server. */
@Controller
class OutboxController {

    private final Mailer mailer;
    private final GuildmarkSettings settings;

    OutboxController(Mailer mailer, GuildmarkSettings settings) {
        this.mailer = mailer;
        this.settings = settings;
    }

    @GetMapping("/dev/outbox")
    String outbox(Model model) {
        if (!settings.demo()) throw Problem.notFound("This page");
        model.addAttribute("emails", mailer.recent(50));
        return "notifications/outbox";
    }
}
