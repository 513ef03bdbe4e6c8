package io.guildmark.app.earning;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import io.guildmark.app.shared.CsvCells;
import org.jspecify.annotations.Nullable;
import io.guildmark.app.shared.GuildmarkSettings;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;
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
import io.guildmark.app.shared.ListPages;
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
    private final GuildmarkSettings settings;

    LearningPages(Enrollments enrollments, EarningDesigns designs, Achievements achievements, Organizations organizations,
            Notices notices, GuildmarkSettings settings) {
        this.settings = settings;
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

    /**
     * The enroll button as a page shared with every signed-out visitor carries it: without a CSRF token (asking for one
     * would start a session per view), so it asks with a GET, which enrolls nobody. A signed-out visitor is sent to sign
     * in, as the form below does; someone signed in meanwhile goes back to the page, whose own form enrolls.
     */
    @GetMapping("/learning/enroll")
    String enrollSignedOut(@RequestParam(defaultValue = "") String achievementId, RedirectAttributes redirect) {
        UUID id = parse(achievementId);
        if (CurrentActor.person().isPresent()) return "redirect:/achievements/" + id;
        redirect.addFlashAttribute("notice", "Sign in (or create a free account) to enroll.");
        return "redirect:/signin";
    }

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
            // A price due goes to checkout (the payments module): online payment, or the association's offline terms.
            if (e.paymentDue()) return "redirect:/payments/checkout/" + e.id();
            redirect.addFlashAttribute("notice", "You are enrolled. Here is what to do.");
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

    static final int LEARNERS_PAGE = 50;

    @GetMapping("/organizations/{slug}/enrollments")
    String learners(@PathVariable String slug, LearnerQuery query, Model model) {
        Actor actor = CurrentActor.get();
        Organization org = organizations.require(actor, slug, Permission.SEE_LEARNERS);
        model.addAttribute("org", org);
        model.addAttribute("tab", "learners");
        model.addAttribute("query", query);
        model.addAttribute("credentials", credentialChoices(actor, slug));
        model.addAttribute("canIssue", organizations.allowed(actor, org.id(), Permission.ISSUE));
        io.guildmark.app.shared.ListPage<Progress.View> page = ListPages.filteredOrAll(model, () -> enrollments.forOrganization(actor, slug, query.filter(), (query.currentPage() - 1) * LEARNERS_PAGE, LEARNERS_PAGE),
                () -> enrollments.forOrganization(actor, slug, Enrollments.Filter.none(), 0, LEARNERS_PAGE));
        model.addAttribute("page", page);
        return "earning/learners";
    }

    /** Every enrollment that matches the list's filters, as CSV, streamed. */
    @GetMapping("/organizations/{slug}/enrollments.csv")
    ResponseEntity<StreamingResponseBody> learnersCsv(@PathVariable String slug, LearnerQuery query) {
        Actor actor = CurrentActor.get();
        Organization org = organizations.require(actor, slug, Permission.SEE_LEARNERS);
        Enrollments.Filter filter = query.filter();
        enrollments.check(actor, slug, filter); // a bad filter is refused before the download starts
        Map<UUID, String> names = new HashMap<>();
        credentialChoices(actor, slug).forEach(c -> names.put(c.id(), c.name()));
        StreamingResponseBody body = out -> {
            java.io.Writer writer = new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8);
            CSVPrinter csv = new CSVPrinter(writer, CSVFormat.DEFAULT.builder()
                    .setHeader("enrolled_at", "name", "email", "micro_credential", "state", "payment", "price", "awarded_at", "credential_url").build());
            enrollments.eachForOrganization(actor, slug, filter, e -> {
                try {
                    csv.printRecord(e.enrolledAt(), CsvCells.text(e.name()), CsvCells.text(e.email()),
                            CsvCells.text(names.getOrDefault(e.achievementId(), e.achievementId().toString())), e.state().name().toLowerCase(Locale.ROOT),
                            e.payment().name().toLowerCase(Locale.ROOT), e.payment() == Enrollment.Payment.NONE ? "" : e.price(),
                            e.awardedAt() == null ? "" : e.awardedAt(), e.awardId() == null ? "" : settings.url("/credentials/" + e.awardId()));
                } catch (java.io.IOException ex) {
                    throw new java.io.UncheckedIOException(ex);
                }
            });
            csv.flush();
        };
        return ResponseEntity.ok().contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + org.slug() + "-learners.csv\"").body(body);
    }

    /** A micro-credential the organization's learners enrolled in, for the filter. */
    record CredentialChoice(UUID id, String name) {}

    private List<CredentialChoice> credentialChoices(Actor actor, String slug) {
        return enrollments.enrolledAchievements(actor, slug).stream()
                .map(id -> new CredentialChoice(id, achievements.latestVersion(id).map(v -> v.definition().name()).orElse(id.toString())))
                .sorted(java.util.Comparator.comparing(CredentialChoice::name, String.CASE_INSENSITIVE_ORDER)).toList();
    }

    /** The Learners list's query string: search, filters, sort and page. Anything unreadable is a readable message. */
    record LearnerQuery(@Nullable String q, @Nullable String credential, @Nullable String state, @Nullable String payment,
            @Nullable String from, @Nullable String to, @Nullable String sort, @Nullable Integer page) {

        public int currentPage() {
            return page == null || page < 1 ? 1 : Math.min(page, 100_000);
        }

        Enrollments.Filter filter() {
            return new Enrollments.Filter(q, uuid(credential), parse(Enrollment.State.class, state, "state"),
                    parse(Enrollment.Payment.class, payment, "payment"), day(from, "from"), day(to, "to"),
                    sort == null || sort.isBlank() ? Enrollments.Sort.NEWEST : parse(Enrollments.Sort.class, sort, "sort"));
        }

        private static @Nullable UUID uuid(@Nullable String value) {
            if (value == null || value.isBlank()) return null;
            try {
                return UUID.fromString(value.strip());
            } catch (IllegalArgumentException e) {
                throw Problem.invalidField("credential", "Choose a micro-credential from the list.");
            }
        }

        private static <E extends Enum<E>> @Nullable E parse(Class<E> type, @Nullable String value, String field) {
            if (value == null || value.isBlank()) return null;
            try {
                return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw Problem.invalidField(field, "Choose a " + field + " from the list.");
            }
        }

        private static @Nullable LocalDate day(@Nullable String value, String field) {
            if (value == null || value.isBlank()) return null;
            try {
                return LocalDate.parse(value.strip());
            } catch (java.time.format.DateTimeParseException e) {
                throw Problem.invalidField(field, "Give the date as YYYY-MM-DD.");
            }
        }
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
