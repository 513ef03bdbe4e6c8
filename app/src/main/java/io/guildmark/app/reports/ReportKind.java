package io.guildmark.app.reports;

import java.util.Locale;

import io.guildmark.app.shared.Problem;

/** The reports, in the order the page shows them; the id is the last segment of their API and CSV addresses. */
enum ReportKind {
    AWARDS("awards", "Awards per month by micro-credential"),
    FUNNEL("funnel", "Funnel: viewed → enrolled → submitted → earned"),
    ASSESSMENTS("assessments", "Assessment pass rates and attempts"),
    REVIEW_TURNAROUND("review-turnaround", "Review turnaround"),
    REVIEWER_LOAD("reviewer-load", "Reviewer load"),
    PATHWAYS("pathways", "Pathway progress"),
    REVENUE_BY_MONTH("revenue-by-month", "Revenue by month"),
    REVENUE_BY_MICRO_CREDENTIAL("revenue-by-micro-credential", "Revenue by micro-credential"),
    REVENUE_BY_MEMBER_TYPE("revenue-by-member-type", "Revenue by member type"),
    ENGAGEMENT("engagement", "Engagement: badge page views, shares and verifications"),
    CLAIMS("claims", "Claim rate");

    final String id;
    final String title;

    ReportKind(String id, String title) {
        this.id = id;
        this.title = title;
    }

    static ReportKind parse(String id) {
        for (ReportKind k : values()) if (k.id.equals(id.toLowerCase(Locale.ROOT))) return k;
        throw Problem.notFound("The report \"" + (id.length() > 60 ? id.substring(0, 60) + "…" : id) + "\"");
    }
}
