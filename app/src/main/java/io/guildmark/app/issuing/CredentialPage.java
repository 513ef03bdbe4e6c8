package io.guildmark.app.issuing;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.guildmark.app.organizations.Organization;
import io.guildmark.app.organizations.Organizations;
import io.guildmark.app.shared.Problem;
import io.guildmark.credentials.verify.VerificationReport;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
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
            @Nullable Instant revokedAt, @Nullable String revocationReason, boolean expired) {}

    record Alignment(String name, @Nullable String url, @Nullable String framework, @Nullable String code) {}

    record EvidenceView(@Nullable String name, @Nullable String narrative, @Nullable String url) {}

    private final Awards awards;
    private final Organizations organizations;
    private final LocalVerification verification;

    CredentialPage(Awards awards, Organizations organizations, LocalVerification verification) {
        this.awards = awards;
        this.organizations = organizations;
        this.verification = verification;
    }

    @GetMapping(path = "/credentials/{id}", produces = MediaType.TEXT_HTML_VALUE)
    String page(@PathVariable String id, Model model) {
        Award award = awards.find(CredentialDocuments.uuid(id)).orElseThrow(() -> Problem.notFound("The credential"));
        String signed = awards.signedCredential(award.id()).orElseThrow();
        Organization org = organizations.findById(award.organizationId()).orElseThrow();
        VerificationReport report = verification.verify(signed);
        model.addAttribute("badge", view(award, org, StatusLists.parse(signed)));
        model.addAttribute("report", report);
        model.addAttribute("verdict", verdict(report));
        return "issuing/credential";
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
                award.revoked(), award.revokedAt(), award.revocationReason(), award.expired(Instant.now()));
    }
}
