package io.guildmark.app.issuing;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.guildmark.app.organizations.Organization;
import io.guildmark.app.organizations.Organizations;
import io.guildmark.app.shared.PageModel;
import io.guildmark.app.shared.Problem;
import io.guildmark.app.shared.PublicPages;
import io.guildmark.credentials.verify.VerificationReport;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.jspecify.annotations.Nullable;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/** The public badge page a learner shares and an employer opens: what was earned, from whom, and whether it holds. */
@Controller
class CredentialPage {

    /** What the page shows, read from the signed credential itself. */
    record View(UUID id, String url, String name, @Nullable String description, String issuerName, String issuerSlug, boolean issuerLogo,
            String recipientName, @Nullable String criteria, List<Alignment> alignments, List<EvidenceView> evidence, List<String> tags,
            @Nullable String achievementType, Instant validFrom, @Nullable Instant validUntil, boolean revoked,
            @Nullable Instant revokedAt, @Nullable String revocationReason, boolean expired, List<RubricResult> results, String image) {}

    /** One criterion of the rubric the work was scored on: the level achieved, the level required, and all levels. */
    record RubricResult(String criterion, String achievedLevel, @Nullable String achievedDescription, String requiredLevel,
            boolean meets, List<String> levels) {}

    record Alignment(String name, @Nullable String url, @Nullable String framework, @Nullable String code) {}

    record EvidenceView(@Nullable String name, @Nullable String narrative, @Nullable String url) {}

    private final Awards awards;
    private final Organizations organizations;
    private final LocalVerification verification;
    private final CredentialDocuments documents;
    private final IssuerDomains standings;
    private final BadgeDesigns designs;
    private final PublicPages pages;
    private final BadgeVisibility visibility;
    private final BadgeSharing sharing;
    private final BadgeAudience audience;
    private final BadgePageStamps stamps;
    /** The endorsements in force for the badge's micro-credential now (the endorsements module answers, when it is there). */
    private final io.guildmark.app.shared.@Nullable AchievementEndorsements endorsements;

    CredentialPage(Awards awards, Organizations organizations, LocalVerification verification, CredentialDocuments documents,
            IssuerDomains standings, BadgeDesigns designs, PublicPages pages, BadgeVisibility visibility, BadgeSharing sharing,
            BadgeAudience audience, java.util.Optional<io.guildmark.app.shared.AchievementEndorsements> endorsements, BadgePageStamps stamps) {
        this.stamps = stamps;
        this.endorsements = endorsements.orElse(null);
        this.sharing = sharing;
        this.audience = audience;
        this.pages = pages;
        this.visibility = visibility;
        this.designs = designs;
        this.standings = standings;
        this.documents = documents;
        this.awards = awards;
        this.organizations = organizations;
        this.verification = verification;
    }

    /** One address for people and machines: a page for browsers, the signed credential for clients that ask for it. */
    @GetMapping(path = "/credentials/{id}")
    @Nullable Object page(@PathVariable String id, @RequestHeader(value = HttpHeaders.ACCEPT, defaultValue = "text/html") String accept,
            Model model, ServletWebRequest request, HttpServletResponse response) throws java.io.IOException {
        var machineReadable = documents.negotiate(CredentialDocuments.uuid(id), accept, request);
        if (machineReadable.isPresent()) {
            write(machineReadable.get(), response);
            return null;
        }
        UUID awardId = CredentialDocuments.uuid(id);
        // A visitor's view of a page already rendered costs one query: its stamp (BadgePageStamps) is the saved page's key.
        BadgePageStamps.Stamp stamp = PublicPages.anonymous(request.getRequest()) ? stamps.of(awardId).orElse(null) : null;
        Object stampVersion = null;
        if (stamp != null && stamp.award().visibility() != Visibility.PRIVATE) {
            stampVersion = List.of(stamp, stamps.timeOf(stamp.award()), sharing.embeddable(stamp.award()), shownFor(stamp.award()),
                    designs.design(stamp.award().achievementId(), stamp.award().achievementVersion()).svg() != null);
            var saved = pages.saved(request.getRequest(), "issuing/credential", stampVersion);
            if (saved != null) {
                if (!BadgeAudience.bot(request.getHeader(HttpHeaders.USER_AGENT))) audience.viewed(awardId);
                response.addHeader(HttpHeaders.VARY, HttpHeaders.ACCEPT);
                return saved;
            }
        }
        Award award = stamp != null ? stamp.award() : awards.find(awardId).orElseThrow(() -> Problem.notFound("The credential"));
        // A private badge (pending, declined, or chosen so) looks to everyone but its holder and staff like no badge at all.
        if (!visibility.maySee(io.guildmark.app.shared.CurrentActor.find().orElse(null), award)) throw Problem.notFound("The credential");
        boolean indexable = visibility.indexable(award);
        String signed = awards.signedCredential(award.id()).orElseThrow();
        Organization org = organizations.findById(award.organizationId()).orElseThrow();
        VerificationReport report = verification.verify(award, signed);
        View badge = view(award, org, StatusLists.parse(signed));
        String verdict = verdict(report);
        // The issuer's standing with this platform (issuer vetting), in the words the /verify page uses.
        var standing = io.guildmark.app.verification.IssuerStandings.forReport(standings, report);
        // Counted in memory (BadgeAudience): a view costs no write. The holder's own views and crawlers are not counted;
        // the holder sees the counts instead (their page is never the shared anonymous copy).
        boolean holder = BadgeSharing.holderLooking(award);
        if (holder) {
            model.addAttribute("audience", audience.totals(List.of(award.id())).get(award.id()));
        } else if (!BadgeAudience.bot(request.getHeader(HttpHeaders.USER_AGENT))) {
            audience.viewed(award.id());
        }
        model.addAttribute("badge", badge);
        model.addAttribute(PageModel.READ_ONLY_PAGE, true);
        model.addAttribute("report", report);
        model.addAttribute("verdict", verdict);
        model.addAttribute("standing", standing);
        model.addAttribute("indexable", indexable);
        model.addAttribute("visibility", award.visibility().word());
        var endorsedBy = shownFor(award);
        model.addAttribute("endorsements", endorsedBy);
        // The page's version is its model: the check is live (its stamp is read on every view), only rendering is saved.
        // The visibility is part of it, read from the award row on every view: a badge made private is gone at once on
        // every node (private pages are never shared, above), and a change of indexing shows on the next view.
        response.addHeader(HttpHeaders.VARY, HttpHeaders.ACCEPT);
        // The sharing section (its QR code is the costly part) is made only when the page is rendered; everything it shows
        // is in the version already, and whether it may be embedded is added so that decision shows at once.
        // For a visitor the version is the stamp read first (the model, read after it, is at least as new); otherwise the model.
        Object version = stampVersion != null ? stampVersion
                : List.of(badge, report, verdict, standing, award.visibility(), indexable, sharing.embeddable(award), endorsedBy);
        return pages.page(request.getRequest(), response, model, "issuing/credential", version,
                () -> model.addAttribute("share", sharing.page(award, org)));
    }

    private List<?> shownFor(Award award) {
        return endorsements == null ? List.of() : endorsements.shownFor(award.achievementId());
    }

    /** Writes a negotiated response ourselves (a null view name then tells Spring the response is done). */
    private static void write(org.springframework.http.ResponseEntity<String> entity, HttpServletResponse response) throws java.io.IOException {
        if (entity == null) return; // 304: checkNotModified already set the status
        response.setStatus(entity.getStatusCode().value());
        entity.getHeaders().forEach((name, values) -> values.forEach(v -> response.addHeader(name, v)));
        response.setCharacterEncoding("UTF-8");
        if (entity.getBody() != null) response.getWriter().write(entity.getBody());
    }

    static String verdict(VerificationReport report) {
        if (report.verified()) return "verified";
        boolean revoked = report.check("status").map(c -> "REVOKED".equals(c.code())).orElse(false);
        if (revoked) return "revoked";
        boolean expired = report.check("validUntil").map(c -> "EXPIRED".equals(c.code())).orElse(false);
        return expired ? "expired" : "failed";
    }

    private View view(Award award, Organization org, JsonObject credential) {
        JsonObject achievement = credential.getJsonObject("credentialSubject").getJsonObject("achievement");
        List<Alignment> alignments = new ArrayList<>();
        if (achievement.containsKey("alignment")) {
            for (JsonValue v : achievement.getJsonArray("alignment")) {
                JsonObject a = v.asJsonObject();
                alignments.add(new Alignment(a.getString("targetName"), a.getString("targetUrl", null),
                        a.getString("targetFramework", null), a.getString("targetCode", null)));
            }
        }
        List<EvidenceView> evidence = new ArrayList<>();
        if (credential.containsKey("evidence")) {
            for (JsonValue v : credential.getJsonArray("evidence")) {
                JsonObject e = v.asJsonObject();
                evidence.add(new EvidenceView(e.getString("name", null), e.getString("narrative", null), e.getString("id", null)));
            }
        }
        List<String> tags = achievement.containsKey("tag")
                ? achievement.getJsonArray("tag").getValuesAs(jakarta.json.JsonString.class).stream().map(jakarta.json.JsonString::getString).toList()
                : List.of();
        String criteria = achievement.containsKey("criteria") ? achievement.getJsonObject("criteria").getString("narrative", null) : null;
        return new View(award.id(), awards.credentialUrl(award.id()), achievement.getString("name"),
                achievement.getString("description", null), org.name(), org.slug(), org.hasLogo(), award.recipientName(), criteria,
                alignments, evidence, tags, achievement.getString("achievementType", null), award.validFrom(), award.validUntil(),
                award.revoked(), award.revokedAt(), award.revocationReason(), award.expired(Instant.now()),
                results(achievement, credential.getJsonObject("credentialSubject")), image(award));
    }

    /**
     * The address of the badge's picture: the baked PNG (the uploaded PNG design, or the generated seal), or for an
     * uploaded SVG design the version's image itself (served under a policy that runs nothing).
     */
    private String image(Award award) {
        if (designs.design(award.achievementId(), award.achievementVersion()).svg() != null) {
            return "/achievements/" + award.achievementId() + "/versions/" + award.achievementVersion() + "/image";
        }
        return awards.credentialUrl(award.id()) + ".png";
    }

    /** The rubric outcome: each {@code result}'s achievedLevel looked up in its {@code resultDescription}. */
    private static List<RubricResult> results(JsonObject achievement, JsonObject subject) {
        if (!achievement.containsKey("resultDescription") || !subject.containsKey("result")) return List.of();
        java.util.Map<String, JsonObject> descriptions = new java.util.HashMap<>();
        for (JsonValue v : achievement.getJsonArray("resultDescription")) descriptions.put(v.asJsonObject().getString("id", ""), v.asJsonObject());
        List<RubricResult> results = new ArrayList<>();
        for (JsonValue v : subject.getJsonArray("result")) {
            JsonObject r = v.asJsonObject();
            JsonObject d = descriptions.get(r.getString("resultDescription", ""));
            if (d == null || !d.containsKey("rubricCriterionLevel")) continue;
            java.util.Map<String, JsonObject> levels = new java.util.LinkedHashMap<>();
            for (JsonValue l : d.getJsonArray("rubricCriterionLevel")) levels.put(l.asJsonObject().getString("id", ""), l.asJsonObject());
            JsonObject achieved = levels.get(r.getString("achievedLevel", ""));
            JsonObject required = levels.get(d.getString("requiredLevel", ""));
            if (achieved == null) continue;
            results.add(new RubricResult(d.getString("name", ""), achieved.getString("name", ""), achieved.getString("description", null),
                    required == null ? "" : required.getString("name", ""), "Completed".equals(r.getString("status", "")),
                    levels.values().stream().map(l -> l.getString("name", "")).toList()));
        }
        return results;
    }
}
