package io.guildmark.app.organizations;

import io.guildmark.app.shared.CurrentActor;
import io.guildmark.app.shared.GuildmarkSettings;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The front page and a signed-in person's dashboard. */
@Controller
class HomePages {

    private final Organizations organizations;
    private final GuildmarkSettings settings;

    private final IssuerApprovals approvals;

    HomePages(Organizations organizations, GuildmarkSettings settings, IssuerApprovals approvals) {
        this.approvals = approvals;
        this.organizations = organizations;
        this.settings = settings;
    }

    @GetMapping("/")
    String home(Model model) {
        model.addAttribute("organizations", organizations.all());
        model.addAttribute("demo", settings.demo());
        return "home";
    }

    @GetMapping("/dashboard")
    String dashboard(Model model) {
        var person = CurrentActor.person().orElseThrow();
        model.addAttribute("memberships", organizations.membershipsOf(person.userId()));
        model.addAttribute("operator", approvals.isOperator(person));
        return "organizations/dashboard";
    }
}
