package io.guildmark.app.pathways;

import java.util.Optional;
import java.util.UUID;

import io.guildmark.app.shared.Actor;
import io.guildmark.app.shared.CurrentActor;
import io.guildmark.app.shared.FormActions;
import io.guildmark.app.shared.GuildmarkSettings;
import io.guildmark.app.shared.Problem;
import io.guildmark.app.shared.PublicPages;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The learner's and the public's side of pathways: the directory, a pathway's page with the map (and, signed in, where
 * the learner stands), "My pathways", the shareable progress statement, and eligibility records with their letters.
 */
@Controller
class PathwayPages {

    private final Pathways pathways;
    private final LearnerPathways learners;
    private final Eligibilities eligibilities;
    private final StepCatalog catalog;
    private final GuildmarkSettings settings;
    private final PublicPages pages;
    private final PathwayPrices prices;
    private final PathwayPageStamps stamps;
    private final Standings standings;

    private static final String VIEW = "pathways/pathway";

    PathwayPages(Pathways pathways, LearnerPathways learners, Eligibilities eligibilities, StepCatalog catalog, GuildmarkSettings settings,
            PublicPages pages, PathwayPrices prices, PathwayPageStamps stamps, Standings standings) {
        this.stamps = stamps;
        this.standings = standings;
        this.pages = pages;
        this.prices = prices;
        this.pathways = pathways;
        this.learners = learners;
        this.eligibilities = eligibilities;
        this.catalog = catalog;
        this.settings = settings;
    }

    @GetMapping("/pathways")
    String directory(Model model) {
        model.addAttribute("pathways", pathways.directory().stream().map(v -> new Listed(v,
                v.capstoneAchievementId() == null ? null : catalog.published(v.capstoneAchievementId()).map(StepCatalog.Info::name).orElse(null)))
                .toList());
        return "pathways/directory";
    }

    record Listed(PathwayVersion version, @org.jspecify.annotations.Nullable String capstoneName) {}

    @GetMapping("/pathways/{id}")
    Object pathway(@PathVariable UUID id, Model model, HttpServletRequest request, HttpServletResponse response) {
        Optional<Actor.Person> person = CurrentActor.person();
        // One query is the pathway's version of the page (see PathwayPageStamps); the standing's facts (each step's
        // catalog version parsed, its earning prerequisites) are kept under it, and computed only when it changes.
        PathwayPageStamps.Stamp stamp = stamps.of(id).orElseThrow(() -> Problem.notFound("The pathway"));
        if (PublicPages.anonymous(request)) {
            // A visitor holds nothing: a saved page costs the stamp alone, and what is saved is at least as new as the
            // stamp it is saved under (the page is rendered after the stamp was read).
            if (!stamp.open()) throw Problem.notFound("The pathway");
            var saved = pages.saved(request, VIEW, stamp);
            if (saved != null) return saved;
            return pages.page(request, response, model, VIEW, stamp, () -> {
                Standings.Facts facts = facts(id, stamp, null);
                fill(model, id, stamp, standings.of(facts, standings.visitor(facts, "", null)));
            });
        }
        // Someone with a session: where they stand is read anew on every view (their awards valid now, imports, enrollments,
        // place and eligibility: a few indexed queries), and the page rendered for those values is kept for their session.
        Learner learner = person.flatMap(p -> learners.learner(id, p.email())).orElse(null);
        if (!stamp.open() && learner == null) throw Problem.notFound("The pathway");
        Standings.Facts facts = facts(id, stamp, learner);
        Standings.Visitor visitor = standings.visitor(facts, person.map(Actor.Person::email).orElse(""), learner);
        return pages.visitorPage(request, response, model, VIEW, new VisitorVersion(stamp, facts.version().version(), visitor),
                () -> fill(model, id, stamp, standings.of(facts, visitor)));
    }

    /** Everything a signed-in visitor's page shows: equal values render the same page for the same session. */
    private record VisitorVersion(PathwayPageStamps.Stamp pathway, int version, Standings.Visitor visitor) {}

    /** The facts of the version the learner is on (when it still exists), else of the newest published one. */
    private Standings.Facts facts(UUID id, PathwayPageStamps.Stamp stamp, @org.jspecify.annotations.Nullable Learner learner) {
        int version = learner == null ? stamp.publishedVersion() : learner.version();
        return standings.facts(id, version, stamp, () -> Optional.ofNullable(learner).flatMap(l -> pathways.version(id, l.version()))
                .or(() -> pathways.latestVersion(id))).orElseThrow(() -> Problem.notFound("The pathway"));
    }

    private void fill(Model model, UUID id, PathwayPageStamps.Stamp stamp, Standing standing) {
        boolean signedIn = CurrentActor.person().isPresent();
        model.addAttribute("standing", standing);
        model.addAttribute("drawing", PathwayMap.of(standing));
        model.addAttribute("outline", PathwayMap.outline(standing));
        model.addAttribute("signedIn", signedIn);
        // A visitor is offered no form here, so the page carries no CSRF token and starts no session.
        if (!signedIn) model.addAttribute(io.guildmark.app.shared.PageModel.READ_ONLY_PAGE, true);
        Learner learner = standing.learner();
        model.addAttribute("learner", learner);
        model.addAttribute("newerVersion", learner != null && learner.active() && stamp.open() && stamp.publishedVersion() > learner.version());
        model.addAttribute("open", stamp.open());
        PathwayPrices.Prices price = prices.of(id);
        model.addAttribute("priced", price.priced());
        model.addAttribute("priceSummary", price.summary());
        model.addAttribute("payDue", learner != null && learner.active() && !learner.paid() && price.priced());
        model.addAttribute("shareUrl", learner == null || learner.shareToken() == null ? null : settings.url("/pathways/progress/" + learner.shareToken()));
    }

    @PostMapping("/pathways/{id}/start")
    String start(@PathVariable UUID id, RedirectAttributes redirect) {
        // A priced pathway is started by paying for it: the checkout (payments) puts the buyer on it once Stripe confirms.
        if (prices.of(id).priced()) return "redirect:/payments/checkout/pathway/" + id;
        FormActions.attempt(redirect, () -> {
            learners.start(person(), id);
            return "You are on this pathway. Each micro-credential you earn counts toward it.";
        });
        return "redirect:/pathways/" + id;
    }

    @PostMapping("/pathways/{id}/move")
    String move(@PathVariable UUID id, RedirectAttributes redirect) {
        FormActions.attempt(redirect, () -> "You are on version " + learners.moveToNewest(person(), id).version()
                + " now. What you earned still counts.");
        return "redirect:/pathways/" + id;
    }

    @PostMapping("/pathways/{id}/share")
    String share(@PathVariable UUID id, RedirectAttributes redirect) {
        FormActions.attempt(redirect, () -> {
            learners.share(person(), id);
            return "Your progress statement is public at the link below. Anyone with the link can see it until you stop sharing.";
        });
        return "redirect:/pathways/" + id;
    }

    @PostMapping("/pathways/{id}/share/stop")
    String stopSharing(@PathVariable UUID id, RedirectAttributes redirect) {
        FormActions.attempt(redirect, () -> {
            learners.stopSharing(person(), id);
            return "You stopped sharing: the link no longer works.";
        });
        return "redirect:/pathways/" + id;
    }

    @GetMapping("/pathways/mine")
    String mine(Model model) {
        model.addAttribute("mine", learners.mine(person()));
        return "pathways/mine";
    }

    @GetMapping("/pathways/progress/{token}")
    String shared(@PathVariable String token, Model model) {
        LearnerPathways.Shared shared = learners.shared(token).orElseThrow(() -> Problem.notFound("The progress statement"));
        model.addAttribute("shared", shared);
        model.addAttribute("standing", shared.standing());
        model.addAttribute("drawing", PathwayMap.of(shared.standing()));
        model.addAttribute("outline", PathwayMap.outline(shared.standing()));
        model.addAttribute("url", settings.url("/pathways/progress/" + token));
        return "pathways/progress";
    }

    @GetMapping("/pathways/eligibility/{id}")
    String eligibility(@PathVariable UUID id, Model model) {
        model.addAttribute("eligibility", eligibilities.find(id).orElseThrow(() -> Problem.notFound("The eligibility record")));
        model.addAttribute("url", eligibilities.url(id));
        return "pathways/eligibility";
    }

    @GetMapping("/pathways/eligibility/{id}/letter.pdf")
    ResponseEntity<byte[]> letter(@PathVariable UUID id) {
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_PDF)
                .header(HttpHeaders.CONTENT_DISPOSITION, "inline; filename=\"eligibility-" + id + ".pdf\"")
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .body(eligibilities.letter(id));
    }

    private static Actor.Person person() {
        return CurrentActor.person().orElseThrow(() -> new Problem(Problem.Kind.UNAUTHORIZED, "unauthorized", "Sign in first.", java.util.List.of()));
    }
}
