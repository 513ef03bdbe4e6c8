package io.guildmark.app.issuing;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.guildmark.app.organizations.Organization;
import io.guildmark.app.organizations.Organizations;
import io.guildmark.app.organizations.Permission;
import io.guildmark.app.shared.Actor;
import io.guildmark.app.shared.CsvDownload;
import io.guildmark.app.shared.ListPage;
import io.guildmark.app.shared.ListPages;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;
import io.guildmark.app.shared.CurrentActor;
import io.guildmark.app.shared.FieldErrors;
import io.guildmark.app.shared.FormActions;
import io.guildmark.app.shared.Problem;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Staff pages: award a micro-credential, see what was awarded, revoke; and the issuer's signing keys. */
@Controller
class AwardPages {

    record AwardForm(String achievementId, String email, String name, String evidenceNarrative, String evidenceUrl, String validFrom,
            String validUntil) {
        static AwardForm empty() {
            return new AwardForm("", "", "", "", "", "", "");
        }
    }

    private final Awards awards;
    private final AwardableAchievements achievements;
    private final Organizations organizations;
    private final IssuerKeys keys;
    private final Claims claims;
    private final io.guildmark.app.accounts.Accounts accounts;
    private final AwardList awardList;
    private final BadgeAudience audience;

    AwardPages(Awards awards, AwardableAchievements achievements, Organizations organizations, IssuerKeys keys, Claims claims,
            io.guildmark.app.accounts.Accounts accounts, AwardList awardList, BadgeAudience audience) {
        this.audience = audience;
        this.awardList = awardList;
        this.claims = claims;
        this.accounts = accounts;
        this.awards = awards;
        this.achievements = achievements;
        this.organizations = organizations;
        this.keys = keys;
    }

    static final int PAGE = 50;

    /** The Awards list's query string: search, filters, order and page number. */
    record AwardQuery(@Nullable String q, @Nullable String credential, @Nullable String state, @Nullable String claim,
            @Nullable String from, @Nullable String to, @Nullable String sort, @Nullable Integer page) {

        static AwardQuery none() {
            return new AwardQuery(null, null, null, null, null, null, null, null);
        }

        AwardList.Filter filter() {
            return AwardList.Filter.parse(q, credential, state, claim, from, to, sort);
        }

        int currentPage() {
            return page == null || page < 1 ? 1 : Math.min(page, 100_000);
        }
    }

    @GetMapping("/organizations/{slug}/awards")
    String list(@PathVariable String slug, AwardQuery query, Model model) {
        Organization org = organizations.require(me(), slug, Permission.SEE_LEARNERS);
        model.addAttribute("org", org);
        model.addAttribute("tab", "awards");
        model.addAttribute("query", query);
        model.addAttribute("credentials", awardList.awarded(me(), slug));
        ListPage<Award> page = ListPages.filteredOrAll(model, () -> awardList.pageAt(me(), slug, query.filter(), (query.currentPage() - 1) * PAGE, PAGE),
                () -> awardList.pageAt(me(), slug, AwardList.Filter.none(), 0, PAGE));
        model.addAttribute("page", page);
        model.addAttribute("awards", page.items());
        java.util.Map<UUID, AwardApi.ClaimResponse> claimsOf = new java.util.HashMap<>();
        page.items().forEach(a -> claimsOf.put(a.id(), AwardApi.claim(a, accounts)));
        model.addAttribute("claims", claimsOf);
        // Views and shares of this page of awards; the organization was checked above (SEE_LEARNERS).
        model.addAttribute("audience", audience.totals(page.items().stream().map(Award::id).toList()));
        model.addAttribute("canIssue", organizations.allowed(me(), org.id(), Permission.ISSUE));
        model.addAttribute("issueBlocked", keys.whyMayNotIssue(org));
        model.addAttribute("achievements", achievements.listAwardable(org));
        if (!model.containsAttribute("form")) model.addAttribute("form", AwardForm.empty());
        return "issuing/awards";
    }

    /** Every award that matches the list's filters, as CSV, streamed. */
    @GetMapping("/organizations/{slug}/awards.csv")
    ResponseEntity<StreamingResponseBody> csv(@PathVariable String slug, AwardQuery query) {
        Actor actor = me();
        AwardList.Filter filter = query.filter();
        Organization org = awardList.check(actor, slug, filter);
        return CsvDownload.of(org.slug() + "-awards.csv", List.of("issued_at", "recipient_name", "recipient_email", "micro_credential",
                "micro_credential_id", "state", "claim", "claimed_at", "valid_until", "revoked_at", "revocation_reason", "credential_url"),
                rows -> awardList.each(actor, slug, filter, a -> rows.row(a.issuedAt(), a.recipientName(), a.recipientEmail(),
                        a.achievementName(), a.achievementId(), a.state(), a.claimState(), a.claimedAt(), a.validUntil(), a.revokedAt(),
                        a.revocationReason(), awards.credentialUrl(a.id()))));
    }

    @PostMapping("/organizations/{slug}/awards")
    String award(@PathVariable String slug, AwardForm form, Model model, RedirectAttributes redirect) {
        try {
            List<Awards.Evidence> evidence = new ArrayList<>();
            if (!isBlank(form.evidenceNarrative()) || !isBlank(form.evidenceUrl())) {
                evidence.add(new Awards.Evidence(form.evidenceNarrative(), form.evidenceUrl(), null));
            }
            UUID achievementId = parseId(form.achievementId());
            var validFrom = isBlank(form.validFrom()) ? null : parseDate(form.validFrom(), "validFrom").atStartOfDay().toInstant(ZoneOffset.UTC);
            var validUntil = isBlank(form.validUntil()) ? null : parseDate(form.validUntil(), "validUntil").atStartOfDay().toInstant(ZoneOffset.UTC);
            Award award = awards.award(me(), slug, new Awards.AwardRequest(achievementId, form.email(), form.name(), evidence, validFrom, validUntil));
            redirect.addFlashAttribute("notice", "Awarded to " + award.recipientName() + "; we e-mailed them a claim link.");
            return "redirect:/organizations/" + slug + "/awards";
        } catch (Problem problem) {
            if (problem.kind() == Problem.Kind.NOT_FOUND && problem.getMessage().startsWith("The organization")) throw problem;
            if (problem.kind() == Problem.Kind.FORBIDDEN) throw problem;
            model.addAttribute("form", form);
            model.addAttribute("error", problem.getMessage());
            model.addAttribute("fieldErrors", FieldErrors.of(problem));
            return list(slug, AwardQuery.none(), model);
        }
    }

    @PostMapping("/organizations/{slug}/awards/{id}/claim-link")
    String renewClaimLink(@PathVariable String slug, @PathVariable UUID id, RedirectAttributes redirect) {
        FormActions.attempt(redirect, () -> {
            Award award = claims.renewLink(me(), slug, id);
            return "We e-mailed " + award.recipientName() + " a new claim link; the old one no longer works.";
        });
        return "redirect:/organizations/" + slug + "/awards";
    }

    /**
     * A stacked credential (a pathway's capstone) that cites a revoked credential as evidence; staff may revoke it
     * when it is their organization's and they may issue, otherwise they are told whose it is.
     */
    record Dependent(UUID id, String organizationSlug, String organizationName, String achievementName, String recipientName,
            String credentialUrl, boolean revocable, String suggestedReason) implements java.io.Serializable {}

    @PostMapping("/organizations/{slug}/awards/{id}/revoke")
    String revoke(@PathVariable String slug, @PathVariable UUID id, @RequestParam(defaultValue = "") String reason,
            RedirectAttributes redirect) {
        organizations.require(me(), slug, Permission.ISSUE);
        FormActions.attempt(redirect, () -> {
            Award revoked = awards.revoke(me(), id, reason);
            List<Dependent> dependents = dependents(revoked);
            if (!dependents.isEmpty()) redirect.addFlashAttribute("dependents", dependents);
            return "Revoked the credential of " + revoked.recipientName() + ". Verifiers see it within a minute."
                    + (dependents.isEmpty() ? "" : " " + dependents.size() + (dependents.size() == 1 ? " stacked credential depends" : " stacked credentials depend")
                            + " on it and still verify: see below.");
        });
        return "redirect:/organizations/" + slug + "/awards";
    }

    /** The active stacked credentials that cite this (revoked) one as evidence. */
    List<Dependent> dependents(Award component) {
        List<Dependent> result = new ArrayList<>();
        for (Award d : awards.dependentsOf(component.id())) {
            Organization org = organizations.findById(d.organizationId()).orElseThrow();
            result.add(new Dependent(d.id(), org.slug(), org.name(), d.achievementName(), d.recipientName(), awards.credentialUrl(d.id()),
                    organizations.allowed(me(), org.id(), Permission.ISSUE),
                    "Its component credential \"" + component.achievementName() + "\" was revoked."));
        }
        return result;
    }

    @GetMapping("/organizations/{slug}/keys")
    String keys(@PathVariable String slug, Model model) {
        Organization org = organizations.require(me(), slug, Permission.MANAGE_ORGANIZATION);
        model.addAttribute("org", org);
        model.addAttribute("tab", "keys");
        model.addAttribute("keys", keys.list(me(), slug));
        model.addAttribute("did", keys.did(slug));
        return "issuing/keys";
    }

    @PostMapping("/organizations/{slug}/keys/rotate")
    String rotate(@PathVariable String slug, RedirectAttributes redirect) {
        keys.rotate(me(), slug);
        redirect.addFlashAttribute("notice", "New keys sign from now on; badges signed earlier still verify.");
        return "redirect:/organizations/" + slug + "/keys";
    }

    @PostMapping("/organizations/{slug}/keys/{id}/retire")
    String retire(@PathVariable String slug, @PathVariable UUID id, @RequestParam(defaultValue = "") String reason,
            RedirectAttributes redirect) {
        FormActions.attempt(redirect, () -> {
            keys.retire(me(), slug, id, reason);
            return "The key is retired: every badge it signed now fails verification.";
        });
        return "redirect:/organizations/" + slug + "/keys";
    }

    private static UUID parseId(String id) {
        try {
            return UUID.fromString(id);
        } catch (RuntimeException e) {
            throw Problem.invalidField("achievementId", "Choose the micro-credential to award.");
        }
    }

    private static LocalDate parseDate(String date, String field) {
        try {
            return LocalDate.parse(date);
        } catch (RuntimeException e) {
            throw Problem.invalidField(field, "Give a date, like 2027-06-30.");
        }
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }

    private static Actor me() {
        return CurrentActor.get();
    }
}
