package io.guildmark.app.endorsements;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import io.guildmark.app.organizations.Organization;
import io.guildmark.app.organizations.Organizations;
import io.guildmark.app.organizations.Permission;
import io.guildmark.app.shared.Actor;
import io.guildmark.app.shared.CurrentActor;
import io.guildmark.app.shared.FieldErrors;
import io.guildmark.app.shared.PageModel;
import io.guildmark.app.shared.Problem;
import io.guildmark.app.verification.Verification;
import io.guildmark.credentials.verify.VerificationReport;
import org.jspecify.annotations.Nullable;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The Endorsements tab (an employer endorses and revokes; an association hides and shows what it received) and each
 * endorsement's public page at {@code /endorsements/{id}}, which answers the signed credential to clients that ask for
 * JSON-LD.
 */
@Controller
class EndorsementPages {

    private static final int PAGE_SIZE = 25;
    /** A check of an endorsement is reused while its status list is unchanged, and at most this long (keys may change). */
    private static final Duration REUSE_AT_MOST = Duration.ofMinutes(10);
    private static final int CHECKS_KEPT = 2000;

    private record Checked(String stamp, VerificationReport report, long at) {}

    private final Organizations organizations;
    private final Endorsements endorsements;
    private final Verification verification;
    @SuppressWarnings("serial")
    private final Map<UUID, Checked> checks = java.util.Collections.synchronizedMap(new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<UUID, Checked> eldest) {
            return size() > CHECKS_KEPT;
        }
    });

    EndorsementPages(Organizations organizations, Endorsements endorsements, Verification verification) {
        this.organizations = organizations;
        this.endorsements = endorsements;
        this.verification = verification;
    }

    @GetMapping("/organizations/{slug}/endorsements")
    String endorsements(@PathVariable String slug, @RequestParam(required = false) @Nullable String page, Model model) {
        Organization org = organizations.require(me(), slug, Permission.VIEW);
        int number = pageNumber(page);
        var list = endorsements.list(me(), slug, (number - 1) * PAGE_SIZE, PAGE_SIZE);
        if (list.items().isEmpty() && number > 1) list = endorsements.list(me(), slug, 0, PAGE_SIZE);
        boolean endorse = organizations.allowed(me(), org.id(), Permission.ENDORSE);
        model.addAttribute("org", org);
        model.addAttribute("tab", "endorsements");
        model.addAttribute("page", list);
        model.addAttribute("endorse", endorse);
        model.addAttribute("manage", org.issues() && organizations.allowed(me(), org.id(), Permission.MANAGE_PARTNERS));
        model.addAttribute("programs", endorse ? endorsements.endorsable(me(), slug) : java.util.List.of());
        model.addAttribute("maxStatement", Endorsements.MAX_STATEMENT);
        return "endorsements/endorsements";
    }

    /** The form names what is endorsed as {@code achievement:<id>} or {@code association:<slug>}. */
    @PostMapping("/organizations/{slug}/endorsements")
    String endorse(@PathVariable String slug, @RequestParam(defaultValue = "") String subject,
            @RequestParam(defaultValue = "") String statement, RedirectAttributes redirect) {
        return act(slug, redirect, () -> {
            UUID achievementId = null;
            String association = null;
            if (subject.startsWith("achievement:")) {
                try {
                    achievementId = UUID.fromString(subject.substring("achievement:".length()));
                } catch (IllegalArgumentException e) {
                    throw Problem.invalidField("subject", "Choose what to endorse.");
                }
            } else if (subject.startsWith("association:")) {
                association = subject.substring("association:".length());
            }
            Endorsement made = endorsements.endorse(me(), slug, new Endorsements.EndorseRequest(achievementId, association, statement));
            return "You endorsed " + made.subjectName() + ". The endorsement is signed with your organization's key.";
        });
    }

    @PostMapping("/organizations/{slug}/endorsements/{id}/revoke")
    String revoke(@PathVariable String slug, @PathVariable UUID id, RedirectAttributes redirect) {
        return act(slug, redirect, () -> "Your endorsement of " + endorsements.revoke(me(), slug, id).subjectName() + " is revoked.");
    }

    @PostMapping("/organizations/{slug}/endorsements/{id}/hide")
    String hide(@PathVariable String slug, @PathVariable UUID id, RedirectAttributes redirect) {
        return act(slug, redirect, () -> "The endorsement by " + endorsements.hide(me(), slug, id, true).employerName()
                + " is hidden from your pages and from credentials you issue from now on.");
    }

    @PostMapping("/organizations/{slug}/endorsements/{id}/show")
    String show(@PathVariable String slug, @PathVariable UUID id, RedirectAttributes redirect) {
        return act(slug, redirect, () -> "The endorsement by " + endorsements.hide(me(), slug, id, false).employerName() + " is shown again.");
    }

    /** One address for people and machines: the page for browsers, the signed credential for clients asking for JSON-LD. */
    @GetMapping("/endorsements/{id}")
    Object endorsement(@PathVariable String id, @RequestHeader(name = HttpHeaders.ACCEPT, required = false) @Nullable String accept,
            Model model) {
        UUID endorsementId = uuid(id);
        Endorsement endorsement = endorsements.find(endorsementId).orElseThrow(() -> Problem.notFound("The endorsement"));
        String signed = endorsements.signedCredential(endorsementId).orElseThrow();
        String asked = accept == null ? "" : accept.toLowerCase(Locale.ROOT);
        if ((asked.contains("application/ld+json") || asked.contains("application/vc+ld+json") || asked.contains("application/json"))
                && !asked.contains(MediaType.TEXT_HTML_VALUE)) {
            String type = asked.contains("application/vc+ld+json") ? "application/vc+ld+json" : "application/ld+json";
            return ResponseEntity.ok().contentType(MediaType.parseMediaType(type)).cacheControl(CacheControl.noCache())
                    .header(HttpHeaders.VARY, HttpHeaders.ACCEPT).body(signed);
        }
        VerificationReport report = check(endorsementId, signed);
        model.addAttribute("e", endorsement);
        model.addAttribute("report", report);
        model.addAttribute("verdict", verdict(report));
        model.addAttribute(PageModel.READ_ONLY_PAGE, true);
        return "endorsements/endorsement";
    }

    /** The endorsement checked as an outside verifier would, reused while its status list is unchanged. */
    private VerificationReport check(UUID id, String signed) {
        String stamp = endorsements.statusStamp(id);
        long now = System.nanoTime();
        Checked kept = checks.get(id);
        if (kept != null && kept.stamp().equals(stamp) && now - kept.at() < REUSE_AT_MOST.toNanos()) return kept.report();
        VerificationReport report = verification.verify(signed.getBytes(StandardCharsets.UTF_8), "application/vc+ld+json", null);
        checks.put(id, new Checked(stamp, report, now));
        return report;
    }

    static String verdict(VerificationReport report) {
        if (report.verified()) return "verified";
        boolean revoked = report.check("status").map(c -> "REVOKED".equals(c.code())).orElse(false);
        return revoked ? "revoked" : "failed";
    }

    private String act(String slug, RedirectAttributes redirect, java.util.function.Supplier<String> action) {
        try {
            redirect.addFlashAttribute("notice", action.get());
        } catch (Problem problem) {
            if (problem.kind() == Problem.Kind.NOT_FOUND && problem.fieldErrors().isEmpty()) throw problem;
            String fields = String.join(" ", FieldErrors.of(problem).values());
            redirect.addFlashAttribute("error", fields.isBlank() ? problem.getMessage() : fields);
        }
        return "redirect:/organizations/" + slug + "/endorsements";
    }

    private static UUID uuid(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw Problem.notFound("The endorsement");
        }
    }

    private static int pageNumber(@Nullable String page) {
        try {
            return page == null || page.isBlank() ? 1 : Math.max(1, Math.min(100_000, Integer.parseInt(page.strip())));
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    private static Actor me() {
        return CurrentActor.get();
    }
}
