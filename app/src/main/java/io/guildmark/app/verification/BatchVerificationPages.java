package io.guildmark.app.verification;

import java.io.IOException;
import java.io.InputStream;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import io.guildmark.app.shared.Actor;
import io.guildmark.app.shared.CurrentActor;
import io.guildmark.app.shared.ListPage;
import io.guildmark.app.shared.Problem;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.jspecify.annotations.Nullable;
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
 * kept and listed on {@code /verify/batches}; an anonymous visitor's live only in their session, for an hour.
 */
@Controller
class BatchVerificationPages {

    /** Session attribute: the ids of the batches this (anonymous) browser started. */
    static final String SESSION_BATCHES = "verification.batches";
    private static final int PAGE_SIZE = 20;

    private final BatchVerifications batches;
    private final BatchStore store;

    BatchVerificationPages(BatchVerifications batches, BatchStore store) {
        this.batches = batches;
        this.store = store;
    }

    @GetMapping("/verify/batch")
    String form(Model model) {
        model.addAttribute("urls", "");
        return "verification/batch";
    }

    @PostMapping("/verify/batch")
    String start(@RequestParam(name = "files", required = false) @Nullable List<MultipartFile> files,
            @RequestParam(name = "urls", required = false) @Nullable String urls, HttpSession session, Model model,
            HttpServletResponse response) throws IOException {
        model.addAttribute("urls", urls == null ? "" : urls);
        BatchInput input = new BatchInput();
        BatchVerifications.Run run;
        try {
            if (files != null) {
                for (MultipartFile file : files) {
                    if (file.isEmpty()) continue;
                    try (InputStream in = file.getInputStream()) {
                        input.file(file.getOriginalFilename(), file.getContentType(), in.readAllBytes());
                    }
                }
            }
            if (urls != null && !urls.isBlank()) input.urls(urls);
            run = batches.start(CurrentActor.person().map(Actor.Person::userId).orElse(null), input);
        } catch (Problem problem) {
            response.setStatus(io.guildmark.app.shared.ProblemWriter.statusOf(problem.kind()).value());
            model.addAttribute("error", problem.getMessage());
            return "verification/batch";
        }
        if (run.userId == null) remember(session, run.id);
        return "redirect:/verify/batch/" + run.id;
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
    String list(@RequestParam(required = false) @Nullable Integer page, Model model) {
        Optional<Actor.Person> person = CurrentActor.person();
        if (person.isEmpty()) return "redirect:/signin";
        int number = page == null ? 1 : Math.max(1, Math.min(page, 100_000));
        ListPage<BatchStore.Summary> list = store.page(person.get().userId(), number, PAGE_SIZE);
        model.addAttribute("page", list);
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
        @Nullable UUID userId = CurrentActor.person().map(Actor.Person::userId).orElse(null);
        Optional<BatchVerifications.Run> run = batches.run(batchId);
        if (run.isPresent()) {
            boolean mine = run.get().userId != null ? run.get().userId.equals(userId) : started(session).contains(batchId);
            if (!mine) throw Problem.notFound("The batch");
            return new Found(run.get(), null);
        }
        if (userId != null) {
            Optional<BatchStore.Summary> saved = store.find(batchId, userId);
            if (saved.isPresent()) {
                BatchStore.Summary s = saved.get();
                return new Found(null, BatchResult.of(s.id(), s.label(), s.createdAt(), store.rows(s.id())));
            }
        }
        throw Problem.notFound("The batch");
    }

    private void show(Found found, Model model) {
        BatchVerifications.Run run = found.run();
        if (run != null) {
            model.addAttribute("batchId", run.id);
            model.addAttribute("total", run.total());
            model.addAttribute("done", run.done());
            model.addAttribute("percent", run.percent());
            model.addAttribute("finished", run.finished());
            model.addAttribute("kept", run.userId != null);
            if (run.finished()) model.addAttribute("result", BatchResult.of(run.id, run.label, run.startedAt, run.rows()));
        } else {
            BatchResult saved = java.util.Objects.requireNonNull(found.saved());
            model.addAttribute("batchId", saved.id());
            model.addAttribute("total", saved.total());
            model.addAttribute("done", saved.total());
            model.addAttribute("percent", 100);
            model.addAttribute("finished", true);
            model.addAttribute("kept", true);
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
