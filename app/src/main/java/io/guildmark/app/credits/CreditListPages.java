package io.guildmark.app.credits;

import java.util.List;
import java.util.Locale;

import io.guildmark.app.organizations.Organization;
import io.guildmark.app.organizations.Organizations;
import io.guildmark.app.organizations.Permission;
import io.guildmark.app.shared.Actor;
import io.guildmark.app.shared.CsvDownload;
import io.guildmark.app.shared.CurrentActor;
import io.guildmark.app.shared.ListPage;
import io.guildmark.app.shared.ListPages;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * The credits tab's long lists for staff who may issue: every external credit report (pending, approved, rejected)
 * and every signed CLR transcript, each searched, filtered, paged with a total and exported as CSV.
 */
@Controller
class CreditListPages {

    private static final int PAGE = 50;

    private final Organizations organizations;
    private final ExternalCreditList external;
    private final TranscriptList transcripts;

    CreditListPages(Organizations organizations, ExternalCreditList external, TranscriptList transcripts) {
        this.organizations = organizations;
        this.external = external;
        this.transcripts = transcripts;
    }

    record ExternalQuery(@Nullable String q, @Nullable String status, @Nullable String type, @Nullable String category,
            @Nullable String from, @Nullable String to, @Nullable String sort, @Nullable Integer page) {

        ExternalCreditList.Filter filter() {
            return ExternalCreditList.Filter.parse(q, status, type, category, from, to, sort);
        }
    }

    record TranscriptQuery(@Nullable String q, @Nullable String state, @Nullable String from, @Nullable String to,
            @Nullable String sort, @Nullable Integer page) {

        TranscriptList.Filter filter() {
            return TranscriptList.Filter.parse(q, state, from, to, sort);
        }
    }

    @GetMapping("/organizations/{slug}/credits/external")
    String external(@PathVariable String slug, ExternalQuery query, Model model) {
        Actor actor = CurrentActor.get();
        Organization org = organizations.require(actor, slug, Permission.ISSUE);
        ListPage<ExternalCredits.Report> page = ListPages.filteredOrAll(model, () -> external.pageAt(actor, slug, query.filter(), offset(query.page()), PAGE),
                () -> external.pageAt(actor, slug, ExternalCreditList.Filter.none(), 0, PAGE));
        model.addAttribute("org", org);
        model.addAttribute("tab", "credits");
        model.addAttribute("query", query);
        model.addAttribute("types", external.creditTypes(actor, slug));
        model.addAttribute("page", page);
        model.addAttribute("reports", page.items());
        return "credits/external";
    }

    @GetMapping("/organizations/{slug}/credits/external.csv")
    ResponseEntity<StreamingResponseBody> externalCsv(@PathVariable String slug, ExternalQuery query) {
        Actor actor = CurrentActor.get();
        ExternalCreditList.Filter filter = query.filter();
        Organization org = external.check(actor, slug, filter);
        return CsvDownload.of(org.slug() + "-external-credits.csv", List.of("reported_at", "email", "title", "provider", "completed_on",
                "amount", "credit_type", "category", "status", "reviewed_at", "reason", "proof_name", "report_id"),
                rows -> external.each(actor, slug, filter, r -> rows.row(r.reportedAt(), r.email(), r.title(), r.provider(), r.completedOn(),
                        r.amount().stripTrailingZeros().toPlainString(), r.creditType(), r.category(), r.status().name().toLowerCase(Locale.ROOT),
                        r.reviewedAt(), r.reason(), r.proofName(), r.id())));
    }

    @GetMapping("/organizations/{slug}/credits/transcripts")
    String transcripts(@PathVariable String slug, TranscriptQuery query, Model model) {
        Actor actor = CurrentActor.get();
        Organization org = organizations.require(actor, slug, Permission.ISSUE);
        ListPage<ClrTranscripts.Issued> page = ListPages.filteredOrAll(model, () -> transcripts.pageAt(actor, slug, query.filter(), offset(query.page()), PAGE),
                () -> transcripts.pageAt(actor, slug, TranscriptList.Filter.none(), 0, PAGE));
        model.addAttribute("org", org);
        model.addAttribute("tab", "credits");
        model.addAttribute("query", query);
        model.addAttribute("page", page);
        model.addAttribute("transcripts", page.items());
        return "credits/transcripts";
    }

    @GetMapping("/organizations/{slug}/credits/transcripts.csv")
    ResponseEntity<StreamingResponseBody> transcriptsCsv(@PathVariable String slug, TranscriptQuery query) {
        Actor actor = CurrentActor.get();
        TranscriptList.Filter filter = query.filter();
        Organization org = transcripts.check(actor, slug, filter);
        return CsvDownload.of(org.slug() + "-clr-transcripts.csv", List.of("issued_at", "holder_name", "holder_email", "credential",
                "credentials", "external_credits", "state", "revoked_at", "revocation_reason", "transcript_id"),
                rows -> transcripts.each(actor, slug, filter, t -> rows.row(t.issuedAt(), t.holderName(), t.holderEmail(), "CLR transcript",
                        t.credentials(), t.externalCredits(), t.revoked() ? "revoked" : "active", t.revokedAt(), t.revocationReason(), t.id())));
    }

    private static int offset(@Nullable Integer page) {
        int n = page == null || page < 1 ? 1 : Math.min(page, 100_000);
        return (n - 1) * PAGE;
    }
}
