package io.guildmark.app.issuing;

import io.guildmark.app.notifications.EmailTemplates;
import io.guildmark.app.organizations.Organization;
import io.guildmark.app.organizations.Organizations;
import io.guildmark.app.organizations.Permission;
import io.guildmark.app.shared.Actor;
import io.guildmark.app.shared.CurrentActor;
import io.guildmark.app.shared.FieldErrors;
import io.guildmark.app.shared.GuildmarkSettings;
import io.guildmark.app.shared.Problem;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Owners and admins word their organization's e-mails: one form per kind, the placeholders it knows, and a preview
 * with sample values (htmx renders the unsaved form) before saving.
 */
@Controller
class EmailTemplatePages {

    private final EmailTemplates templates;
    private final Organizations organizations;
    private final GuildmarkSettings settings;

    EmailTemplatePages(EmailTemplates templates, Organizations organizations, GuildmarkSettings settings) {
        this.templates = templates;
        this.organizations = organizations;
        this.settings = settings;
    }

    @GetMapping("/organizations/{slug}/email-templates")
    String list(@PathVariable String slug, Model model) {
        Organization org = organizations.require(me(), slug, Permission.MANAGE_ORGANIZATION);
        model.addAttribute("org", org);
        model.addAttribute("tab", "settings");
        model.addAttribute("templates", templates.all(org.id()));
        return "issuing/email-templates";
    }

    @GetMapping("/organizations/{slug}/email-templates/{kind}")
    String edit(@PathVariable String slug, @PathVariable String kind, Model model) {
        Organization org = organizations.require(me(), slug, Permission.MANAGE_ORGANIZATION);
        EmailTemplates.Template t = templates.template(org.id(), kind(kind));
        return show(org, t.kind(), t.subject(), t.body(), t.custom(), model);
    }

    @PostMapping("/organizations/{slug}/email-templates/{kind}")
    String save(@PathVariable String slug, @PathVariable String kind, @RequestParam(defaultValue = "") String subject,
            @RequestParam(defaultValue = "") String body, Model model, RedirectAttributes redirect) {
        Organization org = organizations.require(me(), slug, Permission.MANAGE_ORGANIZATION);
        EmailTemplates.Kind k = kind(kind);
        try {
            templates.save(me(), org.id(), k, subject, body);
            redirect.addFlashAttribute("notice", "The " + k.label().toLowerCase(java.util.Locale.ROOT) + " e-mail is saved; it is used from now on.");
            return "redirect:/organizations/" + slug + "/email-templates/" + k.slug();
        } catch (Problem problem) {
            if (problem.kind() == Problem.Kind.NOT_FOUND || problem.kind() == Problem.Kind.FORBIDDEN) throw problem;
            model.addAttribute("error", problem.getMessage());
            model.addAttribute("fieldErrors", FieldErrors.of(problem));
            return show(org, k, subject, body, templates.template(org.id(), k).custom(), model);
        }
    }

    @PostMapping("/organizations/{slug}/email-templates/{kind}/reset")
    String reset(@PathVariable String slug, @PathVariable String kind, RedirectAttributes redirect) {
        Organization org = organizations.require(me(), slug, Permission.MANAGE_ORGANIZATION);
        EmailTemplates.Kind k = kind(kind);
        templates.reset(me(), org.id(), k);
        redirect.addFlashAttribute("notice", "The built-in text is used again.");
        return "redirect:/organizations/" + slug + "/email-templates/" + k.slug();
    }

    /** The unsaved form rendered with sample values: subject, text part and HTML part (or what is wrong). */
    @PostMapping("/organizations/{slug}/email-templates/{kind}/preview")
    String preview(@PathVariable String slug, @PathVariable String kind, @RequestParam(defaultValue = "") String subject,
            @RequestParam(defaultValue = "") String body, Model model) {
        Organization org = organizations.require(me(), slug, Permission.MANAGE_ORGANIZATION);
        preview(org, kind(kind), subject, body, model);
        return "issuing/email-template :: preview";
    }

    private String show(Organization org, EmailTemplates.Kind kind, String subject, String body, boolean custom, Model model) {
        model.addAttribute("org", org);
        model.addAttribute("tab", "settings");
        model.addAttribute("kind", kind);
        model.addAttribute("subject", subject);
        model.addAttribute("body", body);
        model.addAttribute("custom", custom);
        preview(org, kind, subject, body, model);
        return "issuing/email-template";
    }

    private void preview(Organization org, EmailTemplates.Kind kind, String subject, String body, Model model) {
        try {
            EmailTemplates.check(kind, subject.strip(), body.strip());
            model.addAttribute("rendered", EmailTemplates.render(Awards.sender(org, settings), subject, body,
                    EmailTemplates.samples(org.name(), settings.url("/").replaceAll("/$", ""))));
        } catch (Problem problem) {
            model.addAttribute("previewError", problem.getMessage() + " " + String.join(" ", FieldErrors.of(problem).values()));
        }
    }

    private static EmailTemplates.Kind kind(String slug) {
        EmailTemplates.Kind k = EmailTemplates.Kind.ofSlug(slug);
        if (k == null) throw Problem.notFound("The e-mail template");
        return k;
    }

    private static Actor me() {
        return CurrentActor.get();
    }
}
