package io.guildmark.app.earning;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.guildmark.app.catalog.AchievementVersion;
import io.guildmark.app.catalog.Achievements;
import io.guildmark.app.organizations.Organization;
import io.guildmark.app.organizations.Organizations;
import io.guildmark.app.organizations.Permission;
import io.guildmark.app.shared.Actor;
import io.guildmark.app.shared.CurrentActor;
import io.guildmark.app.shared.FormActions;
import io.guildmark.app.shared.Problem;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The learner's side of earning: enrolling from the catalog, the dashboard of enrollments, one enrollment's
 * requirements with the next step, and the notices. Staff see the organization's learners and mark payments.
 */
@Controller
class LearningPages {

    private final Enrollments enrollments;
    private final EarningDesigns designs;
    private final Achievements achievements;
    private final Organizations organizations;
    private final Notices notices;

    LearningPages(Enrollments enrollments, EarningDesigns designs, Achievements achievements, Organizations organizations,
            Notices notices) {
        this.enrollments = enrollments;
        this.designs = designs;
        this.achievements = achievements;
        this.organizations = organizations;
        this.notices = notices;
    }

    /** What the catalog page shows about earning online; loaded into it with htmx. */
    @GetMapping("/learning/offer/{achievementId}")
    String offer(@PathVariable UUID achievementId, Model model) {
        AchievementVersion version = achievements.latestPublished(achievementId).filter(AchievementVersion::awardable)
                .orElseThrow(() -> Problem.notFound("The micro-credential"));
        Optional<EarningDesigns.Versioned> design = designs.latest(achievementId).filter(d -> d.design().earnable());
        model.addAttribute("achievementId", achievementId);
        model.addAttribute("name", version.definition().name());
        model.addAttribute("design", design.map(EarningDesigns.Versioned::design).orElse(null));
        model.addAttribute("prerequisites", design.map(d -> d.design().prerequisites().stream()
                .flatMap(id -> achievements.latestVersion(id).stream())
                .map(v -> new Prerequisite(v.achievementId(), v.definition().name())).toList()).orElse(List.of()));
        model.addAttribute("organizationName", organizations.findById(version.organizationId()).map(Organization::name).orElse(""));
        Optional<Actor.Person> person = CurrentActor.person();
        model.addAttribute("enrollment", person.flatMap(p -> enrollments.find(achievementId, p.email()))
                .filter(e -> e.state() != Enrollment.State.WITHDRAWN).orElse(null));
        return "earning/offer :: offer";
    }

    record Prerequisite(UUID id, String name) {}

    @PostMapping("/learning/enroll")
    String enroll(@RequestParam(defaultValue = "") String achievementId, RedirectAttributes redirect) {
        UUID id = parse(achievementId);
        Optional<Actor.Person> person = CurrentActor.person();
        if (person.isEmpty()) {
            redirect.addFlashAttribute("notice", "Sign in (or create a free account) to enroll.");
            return "redirect:/signin";
        }
        try {
            Enrollment e = enrollments.enroll(person.get(), id);
            redirect.addFlashAttribute("notice", e.paymentDue()
                    ? "You are enrolled. Payment of " + e.price() + " is due; the association confirms it, and then you can start."
                    : "You are enrolled. Here is what to do.");
            return "redirect:/learning/" + e.id();
        } catch (Problem problem) {
            if (problem.kind() == Problem.Kind.NOT_FOUND) throw problem;
            redirect.addFlashAttribute("error", problem.getMessage());
            return "redirect:/achievements/" + id;
        }
    }

    @GetMapping("/learning")
    String dashboard(Model model) {
        Actor.Person person = CurrentActor.person().orElseThrow();
        model.addAttribute("views", enrollments.dashboard(person));
        model.addAttribute("notices", notices.recent(person.email(), 5));
        return "earning/learning";
    }

    @GetMapping("/learning/{enrollmentId}")
    String enrollment(@PathVariable UUID enrollmentId, Model model) {
        model.addAttribute("view", enrollments.mine(CurrentActor.person().orElseThrow(), enrollmentId));
        return "earning/enrollment";
    }

    @PostMapping("/learning/{enrollmentId}/withdraw")
    String withdraw(@PathVariable UUID enrollmentId, RedirectAttributes redirect) {
        FormActions.attempt(redirect, () -> {
            enrollments.withdraw(CurrentActor.person().orElseThrow(), enrollmentId);
            return "You withdrew. Your work is kept: enroll again to pick up where you left off.";
        });
        return "redirect:/learning";
    }

    @GetMapping("/notices")
    String notices(Model model) {
        Actor.Person person = CurrentActor.person().orElseThrow();
        model.addAttribute("notices", notices.recent(person.email(), 100));
        notices.markAllRead(person.email());
        return "earning/notices";
    }

    @GetMapping("/organizations/{slug}/enrollments")
    String learners(@PathVariable String slug, Model model) {
        Actor actor = CurrentActor.get();
        Organization org = organizations.require(actor, slug, Permission.SEE_LEARNERS);
        model.addAttribute("org", org);
        model.addAttribute("tab", "learners");
        model.addAttribute("views", enrollments.forOrganization(actor, slug));
        model.addAttribute("canIssue", organizations.allowed(actor, org.id(), Permission.ISSUE));
        return "earning/learners";
    }

    @PostMapping("/organizations/{slug}/enrollments/{enrollmentId}/paid")
    String markPaid(@PathVariable String slug, @PathVariable UUID enrollmentId, RedirectAttributes redirect) {
        FormActions.attempt(redirect, () -> {
            Enrollment e = enrollments.markPaid(CurrentActor.get(), slug, enrollmentId);
            return "Marked paid: " + e.name() + " can start.";
        });
        return "redirect:/organizations/" + slug + "/enrollments";
    }

    private static UUID parse(String id) {
        try {
            return UUID.fromString(id.strip());
        } catch (IllegalArgumentException e) {
            throw Problem.notFound("The micro-credential");
        }
    }
}
