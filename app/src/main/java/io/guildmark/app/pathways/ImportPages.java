package io.guildmark.app.pathways;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import io.guildmark.app.organizations.Organization;
import io.guildmark.app.organizations.Organizations;
import io.guildmark.app.organizations.Permission;
import io.guildmark.app.shared.Actor;
import io.guildmark.app.shared.CsvDownload;
import io.guildmark.app.shared.CurrentActor;
import io.guildmark.app.shared.ListPage;
import io.guildmark.app.shared.ListPages;
import io.guildmark.app.shared.FormActions;
import io.guildmark.app.shared.Problem;
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
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Credentials from elsewhere, as pages: the learner's {@code /imports} (import from a file or an address, ask an
 * organization to recognize, re-verify, withdraw) and the staff's {@code /organizations/{slug}/imports} (accept an
 * external achievement as one of theirs, or decline with a reason).
 */
@Controller
class ImportPages {

    private static final int PAGE = 50;

    private final ImportedCredentials imports;
    private final ImportList list;
    private final Organizations organizations;

    ImportPages(ImportedCredentials imports, ImportList list, Organizations organizations) {
        this.imports = imports;
        this.list = list;
        this.organizations = organizations;
    }

    // ---- Learner ----------------------------------------------------------------------------------------------------

    @GetMapping("/imports")
    String mine(Model model) {
        model.addAttribute("mine", imports.mine(person()));
        model.addAttribute("organizations", imports.recognizers());
        return "pathways/imports";
    }

    @PostMapping("/imports")
    String add(@RequestParam(name = "file", required = false) @Nullable MultipartFile file, @RequestParam(defaultValue = "") String url,
            RedirectAttributes redirect) {
        FormActions.attempt(redirect, () -> {
            ImportedCredentials.Imported imported;
            if (file != null && !file.isEmpty()) {
                if (file.getSize() > ImportedCredentials.MAX_BYTES) {
                    throw Problem.tooLarge("That file is larger than 2 MB; badges are much smaller. Check that you chose the right file.");
                }
                imported = imports.importFile(person(), read(file), file.getContentType());
            } else if (!url.isBlank()) {
                imported = imports.importUrl(person(), url);
            } else {
                throw Problem.invalidField("file", "Choose a badge file, or give the badge's web address.");
            }
            return "Imported \"" + imported.achievementName() + "\" from " + imported.issuerName()
                    + ". It verified. Ask an organization below to recognize it toward its pathways.";
        });
        return "redirect:/imports";
    }

    @PostMapping("/imports/{id}/recognition")
    String ask(@PathVariable UUID id, @RequestParam(defaultValue = "") String organizationId, RedirectAttributes redirect) {
        FormActions.attempt(redirect, () -> {
            UUID org;
            try {
                org = UUID.fromString(organizationId.strip());
            } catch (IllegalArgumentException e) {
                throw Problem.invalidField("organizationId", "Choose an organization from the list.");
            }
            imports.askRecognition(person(), id, org);
            return "Asked. Its staff will accept or decline it; you get an e-mail either way.";
        });
        return "redirect:/imports";
    }

    @PostMapping("/imports/{id}/reverify")
    String reverify(@PathVariable UUID id, RedirectAttributes redirect) {
        FormActions.attempt(redirect, () -> {
            ImportedCredentials.Imported i = imports.reverify(person(), id);
            return i.verified() ? "Checked again: it still verifies." : "Checked again: it no longer verifies, so it stops counting. " + i.verdict();
        });
        return "redirect:/imports";
    }

    @PostMapping("/imports/{id}/withdraw")
    String withdraw(@PathVariable UUID id, RedirectAttributes redirect) {
        FormActions.attempt(redirect, () -> {
            imports.withdraw(person(), id);
            return "Removed: the badge no longer counts anywhere.";
        });
        return "redirect:/imports";
    }

    // ---- Staff ------------------------------------------------------------------------------------------------------

    /** The imports list's query string. */
    record ImportQuery(@Nullable String q, @Nullable String status, @Nullable String credential, @Nullable String from,
            @Nullable String to, @Nullable String sort, @Nullable Integer page) {

        ImportList.Filter filter() {
            return ImportList.Filter.parse(q, status, credential, from, to, sort);
        }
    }

    @GetMapping("/organizations/{slug}/imports")
    String staff(@PathVariable String slug, ImportQuery query, Model model) {
        Actor actor = CurrentActor.get();
        Organization org = organizations.require(actor, slug, Permission.DESIGN);
        model.addAttribute("org", org);
        model.addAttribute("tab", "pathways");
        model.addAttribute("groups", imports.summaries(actor, slug));
        model.addAttribute("ours", imports.acceptableAs(actor, slug));
        model.addAttribute("query", query);
        model.addAttribute("credentials", list.names(actor, slug));
        int n = query.page() == null || query.page() < 1 ? 1 : Math.min(query.page(), 100_000);
        ListPage<ImportList.Line> page = ListPages.filteredOrAll(model, () -> list.pageAt(actor, slug, query.filter(), (n - 1) * PAGE, PAGE),
                () -> list.pageAt(actor, slug, ImportList.Filter.none(), 0, PAGE));
        model.addAttribute("page", page);
        model.addAttribute("lines", page.items());
        return "pathways/staff-imports";
    }

    /** Every import the list's filters match, as CSV, streamed. */
    @GetMapping("/organizations/{slug}/imports.csv")
    ResponseEntity<StreamingResponseBody> csv(@PathVariable String slug, ImportQuery query) {
        Actor actor = CurrentActor.get();
        ImportList.Filter filter = query.filter();
        Organization org = list.check(actor, slug, filter);
        return CsvDownload.of(org.slug() + "-imports.csv", List.of("imported_at", "email", "external_achievement", "issuer", "issuer_id",
                "achievement_id", "issued_at", "expires_at", "verified", "decision", "micro_credential", "micro_credential_id", "reason", "import_id"),
                rows -> list.each(actor, slug, filter, l -> rows.row(l.importedAt(), l.credential().email(), l.credential().achievementName(),
                        l.credential().issuerName(), l.credential().issuerId(), l.credential().achievementId(), l.credential().issuedAt(),
                        l.credential().expiresAt(), l.credential().verified(), l.decision().name().toLowerCase(Locale.ROOT).replace('_', '-'),
                        l.acceptedAsName(), l.acceptedAs(), l.reason(), l.credential().id())));
    }

    @PostMapping("/organizations/{slug}/imports/accept")
    String accept(@PathVariable String slug, @RequestParam(defaultValue = "") String issuerId, @RequestParam(defaultValue = "") String achievementId,
            @RequestParam(defaultValue = "") String ourAchievementId, @RequestParam(defaultValue = "") String note, RedirectAttributes redirect) {
        FormActions.attempt(redirect, () -> {
            UUID ours;
            try {
                ours = UUID.fromString(ourAchievementId.strip());
            } catch (IllegalArgumentException e) {
                throw Problem.invalidField("ourAchievementId", "Choose one of your micro-credentials.");
            }
            imports.accept(CurrentActor.get(), slug, issuerId, achievementId, ours, note);
            return "Accepted. It counts on your pathways for every learner holding it, now and later; they were told.";
        });
        return "redirect:/organizations/" + slug + "/imports";
    }

    @PostMapping("/organizations/{slug}/imports/decline")
    String decline(@PathVariable String slug, @RequestParam(defaultValue = "") String issuerId, @RequestParam(defaultValue = "") String achievementId,
            @RequestParam(defaultValue = "") String reason, RedirectAttributes redirect) {
        FormActions.attempt(redirect, () -> {
            imports.decline(CurrentActor.get(), slug, issuerId, achievementId, reason);
            return "Declined. The learners who asked were sent your reason.";
        });
        return "redirect:/organizations/" + slug + "/imports";
    }

    private static byte[] read(MultipartFile file) {
        try (InputStream in = file.getInputStream()) {
            return in.readNBytes(ImportedCredentials.MAX_BYTES + 1);
        } catch (IOException e) {
            throw Problem.invalidField("file", "The file could not be read; try again.");
        }
    }

    private static Actor.Person person() {
        return CurrentActor.person().orElseThrow(() -> new Problem(Problem.Kind.UNAUTHORIZED, "unauthorized", "Sign in first.", java.util.List.of()));
    }
}
