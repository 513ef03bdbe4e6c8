package io.guildmark.app.verification;

import java.io.IOException;
import java.io.InputStream;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import java.util.Map;

import io.guildmark.app.shared.Actor;
import io.guildmark.app.shared.AuditTrail;
import io.guildmark.app.shared.CurrentActor;
import io.guildmark.app.shared.ListPage;
import io.guildmark.app.shared.ListParams;
import io.guildmark.app.shared.Problem;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * The batch mode of {@code /verify}: upload many badges at once (files, a ZIP, a CSV of candidates, addresses), watch
 * the progress, read one table grouped by candidate and download it as CSV or PDF. A signed-in person's checks are
 * kept and listed on {@code /verify/batches}; one run for an employer they check candidates for is kept for that
 * employer, listed on {@code /verify/batches?organization=…} for all its recruiters. An anonymous visitor's live only in
 * their session, for an hour.
 */
@Controller
class BatchVerificationPages {

    /** Session attribute: the ids of the batches this (anonymous) browser started. */
    static final String SESSION_BATCHES = "verification.batches";
    private static final int PAGE_SIZE = 20;

    private final BatchVerifications batches;
    private final BatchStore store;
    private final @Nullable CheckingEmployers employers;
    private final AuditTrail audit;
    private final BatchChallenges challenges;

    BatchVerificationPages(BatchVerifications batches, BatchStore store, ObjectProvider<CheckingEmployers> employers, AuditTrail audit,
            BatchChallenges challenges) {
        this.batches = batches;
        this.store = store;
        this.employers = employers.getIfAvailable();
        this.audit = audit;
        this.challenges = challenges;
    }

    /** The form, with a fresh challenge for whom the check is for ({@code organization}, else the person or visitor). */
    @GetMapping("/verify/batch")
    String form(@RequestParam(required = false) @Nullable String organization, Model model) {
        model.addAttribute("urls", "");
        chooser(model, organization);
        challenge(model, organization);
        return "verification/batch";
    }

    /** The challenge field alone, for whom the person just chose in the form (htmx swaps it in). */
    @GetMapping("/verify/batch/challenge-field")
    String challengeField(@RequestParam(required = false) @Nullable String organization, Model model) {
        model.addAttribute("organization", organization == null ? "" : organization);
        challenge(model, organization);
        return "verification/batch :: challenge-field";
    }

    private void challenge(Model model, @Nullable String organization) {
        BatchVerifications.Owner owner = owner(organization);
        model.addAttribute("challenge", challenges.issue(owner == null || owner.employer() == null ? null : owner.employer().id()).challenge());
        model.addAttribute("domain", challenges.domain());
    }

    /** The employers the signed-in person may check for, and which one is chosen ("" for themselves). */
    private void chooser(Model model, @Nullable String chosen) {
        List<CheckingEmployers.Employer> mine = employers == null ? List.of()
                : CurrentActor.person().map(employers::of).orElse(List.of());
        model.addAttribute("employers", mine);
        model.addAttribute("organization", chosen == null ? "" : chosen);
    }

    @PostMapping("/verify/batch")
    String start(@RequestParam(name = "files", required = false) @Nullable List<MultipartFile> files,
            @RequestParam(name = "urls", required = false) @Nullable String urls,
            @RequestParam(name = "organization", required = false) @Nullable String organization,
            @RequestParam(name = "challenge", required = false) @Nullable String challenge, HttpSession session, Model model,
            HttpServletResponse response) throws IOException {
        model.addAttribute("urls", urls == null ? "" : urls);
        model.addAttribute("challenge", challenge == null ? "" : BatchInput.shorten(challenge, BatchChallenges.MAX_CHALLENGE_LENGTH));
        model.addAttribute("domain", challenges.domain());
        chooser(model, organization);
        BatchInput input = new BatchInput();
        BatchVerifications.Run run;
        try {
            BatchVerifications.Owner owner = owner(organization);
            BatchChallenges.Issued asked = challenges.require(challenge, owner == null || owner.employer() == null ? null
                    : owner.employer().id()).orElse(null);
            if (files != null) {
                for (MultipartFile file : files) {
                    if (file.isEmpty()) continue;
                    try (InputStream in = file.getInputStream()) {
                        input.file(file.getOriginalFilename(), file.getContentType(), in.readAllBytes());
                    }
                }
            }
            if (urls != null && !urls.isBlank()) input.urls(urls);
            run = batches.start(owner, input, asked);
            if (owner != null && owner.employer() != null) {
                audit.record(CurrentActor.get(), owner.employer().id(), "verification.batch-checked", "verification-batch", run.id,
                        Map.of("credentials", run.total()));
            }
        } catch (Problem problem) {
            response.setStatus(io.guildmark.app.shared.ProblemWriter.statusOf(problem.kind()).value());
            model.addAttribute("error", problem.getMessage());
            return "verification/batch";
        }
        if (run.owner == null) remember(session, run.id);
        return "redirect:/verify/batch/" + run.id;
    }

    /** Who the check is kept for: the signed-in person, or the employer they chose; null for an anonymous visitor. */
    private BatchVerifications.@Nullable Owner owner(@Nullable String organization) {
        Optional<Actor.Person> person = CurrentActor.person();
        boolean forEmployer = organization != null && !organization.isBlank();
        if (person.isEmpty()) {
            if (forEmployer) throw new Problem(Problem.Kind.UNAUTHORIZED, "unauthorized", "Sign in to check for an employer.", List.of());
            return null;
        }
        if (!forEmployer) return BatchVerifications.Owner.person(person.get().userId(), person.get().email());
        if (employers == null) throw Problem.notFound("The organization");
        CheckingEmployers.Employer employer = employers.require(person.get(), organization.strip());
        return new BatchVerifications.Owner(person.get().userId(), employer, person.get().email());
    }

    @GetMapping("/verify/batch/{id}")
    String batch(@PathVariable String id, HttpSession session, Model model) {
        show(find(id, session), model);
        return "verification/batch-result";
    }

    /** The progress fragment the page polls every second; once done, it brings the table. */
    @GetMapping("/verify/batch/{id}/progress")
    String progress(@PathVariable String id, HttpSession session, Model model) {
        show(find(id, session), model);
        return "verification/batch-result :: progress";
    }

    @GetMapping("/verify/batch/{id}/results.csv")
    ResponseEntity<StreamingResponseBody> csv(@PathVariable String id, HttpSession session) {
        return finished(find(id, session)).csv();
    }

    @GetMapping("/verify/batch/{id}/report.pdf")
    ResponseEntity<byte[]> pdf(@PathVariable String id, HttpSession session) {
        return finished(find(id, session)).pdf();
    }

    @GetMapping("/verify/batches")
    String list(@RequestParam(required = false) @Nullable Integer page, @RequestParam(required = false) @Nullable String organization,
            @RequestParam(required = false) @Nullable String q, @RequestParam(required = false) @Nullable String from,
            @RequestParam(required = false) @Nullable String to, Model model) {
        Optional<Actor.Person> person = CurrentActor.person();
        if (person.isEmpty()) return "redirect:/signin";
        int number = page == null ? 1 : Math.max(1, Math.min(page, 100_000));
        List<CheckingEmployers.Employer> mine = employers == null ? List.of() : employers.of(person.get());
        model.addAttribute("employers", mine);
        model.addAttribute("q", q == null ? "" : q);
        model.addAttribute("from", from == null ? "" : from);
        model.addAttribute("to", to == null ? "" : to);
        if (organization == null || organization.isBlank()) {
            model.addAttribute("page", store.page(person.get().userId(), number, PAGE_SIZE));
            model.addAttribute("employer", null);
            return "verification/batches";
        }
        if (employers == null) throw Problem.notFound("The organization");
        CheckingEmployers.Employer employer = employers.require(person.get(), organization.strip());
        model.addAttribute("employer", employer);
        try {
            BatchStore.Filter filter = new BatchStore.Filter(q, ListParams.day(from, "from"), ListParams.day(to, "to"));
            model.addAttribute("page", store.employerPage(employer.id(), filter, number, PAGE_SIZE));
        } catch (Problem problem) {
            model.addAttribute("error", problem.getMessage());
            model.addAttribute("page", new ListPage<BatchStore.Summary>(List.of(), 0, PAGE_SIZE, 0, null));
        }
        return "verification/batches";
    }

    /** What is being looked at: a run still in memory, or a saved batch; either only for whoever started it, else 404. */
    private record Found(BatchVerifications.@Nullable Run run, @Nullable BatchResult saved) {}

    private Found find(String id, HttpSession session) {
        UUID batchId;
        try {
            batchId = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw Problem.notFound("The batch");
        }
        Optional<Actor.Person> person = CurrentActor.person();
        Optional<BatchVerifications.Run> run = batches.run(batchId);
        if (run.isPresent()) {
            BatchVerifications.Owner owner = run.get().owner;
            boolean mine = owner == null ? started(session).contains(batchId) : maysee(person, owner.userId(),
                    owner.employer() == null ? null : owner.employer().id());
            if (!mine) throw Problem.notFound("The batch");
            return new Found(run.get(), null);
        }
        if (person.isPresent()) {
            Optional<BatchStore.Saved> saved = store.find(batchId);
            if (saved.isPresent() && maysee(person, saved.get().userId(), saved.get().organizationId())) {
                BatchStore.Summary s = saved.get().summary();
                return new Found(null, BatchResult.of(s.id(), s.label(), s.createdAt(), store.rows(s.id())));
            }
        }
        throw Problem.notFound("The batch");
    }

    /** An employer's batch: whoever checks candidates for it (now); a personal one: its person only. */
    private boolean maysee(Optional<Actor.Person> person, @Nullable UUID userId, @Nullable UUID employerId) {
        if (person.isEmpty()) return false;
        if (employerId != null) return employers != null && employers.allowed(person.get(), employerId);
        return person.get().userId().equals(userId);
    }

    private void show(Found found, Model model) {
        BatchVerifications.Run run = found.run();
        if (run != null) {
            model.addAttribute("batchId", run.id);
            model.addAttribute("total", run.total());
            model.addAttribute("done", run.done());
            model.addAttribute("percent", run.percent());
            model.addAttribute("finished", run.finished());
            model.addAttribute("kept", run.owner != null);
            model.addAttribute("keptFor", run.owner == null || run.owner.employer() == null ? null : run.owner.employer().name());
            model.addAttribute("challenge", run.challenge);
            if (run.finished()) model.addAttribute("result", BatchResult.of(run.id, run.label, run.startedAt, run.rows()));
        } else {
            BatchResult saved = java.util.Objects.requireNonNull(found.saved());
            model.addAttribute("batchId", saved.id());
            model.addAttribute("total", saved.total());
            model.addAttribute("done", saved.total());
            model.addAttribute("percent", 100);
            model.addAttribute("finished", true);
            model.addAttribute("kept", true);
            model.addAttribute("challenge", null);
            model.addAttribute("result", saved);
        }
    }

    private static BatchResult finished(Found found) {
        BatchVerifications.Run run = found.run();
        if (run == null) return java.util.Objects.requireNonNull(found.saved());
        if (!run.finished()) throw Problem.conflict("batch-running", "The batch is still being checked; download it when it is done.");
        return BatchResult.of(run.id, run.label, run.startedAt, run.rows());
    }

    @SuppressWarnings("unchecked")
    private static Set<UUID> started(HttpSession session) {
        Object value = session.getAttribute(SESSION_BATCHES);
        return value instanceof Set<?> set ? (Set<UUID>) set : Set.of();
    }

    private static void remember(HttpSession session, UUID id) {
        Set<UUID> ids = new HashSet<>(started(session));
        ids.add(id);
        session.setAttribute(SESSION_BATCHES, ids);
    }
}
