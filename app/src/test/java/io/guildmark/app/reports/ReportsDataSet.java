package io.guildmark.app.reports;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.guildmark.app.organizations.Role;
import io.guildmark.app.support.Api;
import io.guildmark.app.support.EarningWorld;
import io.guildmark.app.support.Fixtures;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A fresh association whose records in the first half of 2025 are known exactly, for checking every report figure.
 * Awards are issued through the API (real credentials) and then dated; the learning records (enrollments, attempts,
 * submissions, reviews, pathway learners) and the flushed view counters are written as the modules write them, with
 * chosen dates. Each record's comment says which figures it feeds.
 */
final class ReportsDataSet {

    static final String ASSESSED = "Run a reports retrospective";
    static final String SUBMITTED = "Facilitate a lessons-learned review";
    static final String FORMULA_PATHWAY = "=HYPERLINK(\"https://example.org\")";

    final EarningWorld.Program program;
    final UUID assessed;
    final UUID submitted;
    final EarningWorld.Person reviewer;
    final EarningWorld.Person secondReviewer;
    final EarningWorld.Person designer;
    final UUID januaryAward;
    final String januaryCredentialUrl;

    private final JdbcClient db;
    private final Api key;
    private int learner;

    ReportsDataSet(EarningWorld world, Api api, JdbcClient db) {
        this.db = db;
        this.program = world.program("reports", EarningWorld.only(EarningWorld.assessmentDefaults()));
        this.assessed = program.achievementId();
        this.submitted = world.anotherMicroCredential(program, SUBMITTED, EarningWorld.only(EarningWorld.submissionDefaults()));
        this.reviewer = world.member(program, Role.REVIEWER, "Rita Reviewer", null);
        this.secondReviewer = world.member(program, Role.REVIEWER, "Sam Second", null);
        this.designer = world.member(program, Role.DESIGNER, "Dana Designer", null);
        this.key = api.withToken(program.apiKey());

        // Awards: 2025-01 two of ASSESSED, 2025-03 one of each; one in December 2024 outside the range.
        januaryAward = award(assessed, "2025-01-15T10:00:00Z", "accepted");
        januaryCredentialUrl = key.get("/api/v1/awards/" + januaryAward).json().get("credentialUrl").asText();
        UUID lateJanuary = award(assessed, "2025-01-31T23:30:00Z", "pending");
        award(assessed, "2025-03-01T00:30:00Z", "declined");
        UUID march = award(submitted, "2025-03-10T09:00:00Z", "accepted");
        UUID december = award(submitted, "2024-12-31T23:59:00Z", "pending");
        // Each award's pathway check runs in the background; let it run before the pathways below exist, or a late
        // check would start the award's holder on them and change the pathway figures under the tests.
        io.guildmark.app.support.PathwayCheckQueue.awaitChecked(db, program.organizationId());

        // ASSESSED: three enrollments in the range, two attempted, one earned; one enrolled before the range.
        UUID e1 = enrollment(assessed, "2025-01-05T09:00:00Z", "awarded", januaryAward);
        paid(e1, 500, "USD", "2025-01-06T09:00:00Z", true, "student");
        // Revenue (orders and refunds): every paid enrollment has its order; refunds count in the month they are made.
        attempt(e1, "2025-01-07T09:00:00Z", false);
        attempt(e1, "2025-01-08T09:00:00Z", true);
        UUID e2 = enrollment(assessed, "2025-02-10T09:00:00Z", "withdrawn", null);
        paid(e2, 1000, "USD", "2025-02-11T09:00:00Z", false, null);
        // Refunded in full in April (which withdrew it): February keeps its 10.00, April shows -10.00.
        refund(orderOf(e2), 1000, "2025-04-03T09:00:00Z", true);
        attempt(e2, "2025-02-12T09:00:00Z", false);
        enrollment(assessed, "2025-02-20T09:00:00Z", "active", null);
        UUID e4 = enrollment(assessed, "2024-12-20T09:00:00Z", "active", null);
        attempt(e4, "2025-01-02T09:00:00Z", true);

        // SUBMITTED: four enrollments in the range, all submitted, one earned; turnarounds 24 h, 72 h and 6 h, one open.
        UUID e5 = enrollment(submitted, "2025-03-01T09:00:00Z", "awarded", march);
        paid(e5, 2000, "USD", "2025-03-02T09:00:00Z", true, null);
        // Partly refunded (5.00) the same month: the order stays paid, March nets 15.00.
        refund(orderOf(e5), 500, "2025-03-20T09:00:00Z", false);
        UUID s1 = submission(e5, submitted, "2025-03-03T00:00:00Z", "2025-03-04T00:00:00Z");
        UUID e6 = enrollment(submitted, "2025-03-05T09:00:00Z", "active", null);
        UUID s2 = submission(e6, submitted, "2025-03-06T00:00:00Z", "2025-03-09T00:00:00Z");
        UUID e7 = enrollment(submitted, "2025-04-01T09:00:00Z", "active", null);
        UUID s3 = submission(e7, submitted, "2025-04-02T00:00:00Z", null);
        UUID e8 = enrollment(submitted, "2025-05-01T09:00:00Z", "active", null);
        paid(e8, 300, "EUR", "2025-05-02T09:00:00Z", null, null);
        // Paid in December 2024 (outside the range), 2.00 of it refunded in January: January shows the refund only.
        UUID e9 = enrollment(assessed, "2024-12-14T09:00:00Z", "active", null);
        paid(e9, 700, "USD", "2024-12-15T09:00:00Z", false, null);
        refund(orderOf(e9), 200, "2025-01-10T09:00:00Z", false);
        // An order never paid (checkout abandoned) and one covered by a discount are not revenue.
        order(null, submitted, null, 2000, "USD", "pending", null, null, null);
        order(null, submitted, null, 0, "USD", "paid", "2025-02-16T09:00:00Z", false, null);
        submission(e8, submitted, "2025-05-03T00:00:00Z", "2025-05-03T06:00:00Z");

        // Reviews: Rita completed two (12 h and 48 h); Sam has one open and overdue, and one from 2024.
        review(s1, reviewer, "2025-03-03T00:00:00Z", "2025-03-03T12:00:00Z");
        review(s2, reviewer, "2025-03-06T00:00:00Z", "2025-03-08T00:00:00Z");
        review(s3, secondReviewer, "2025-04-02T00:00:00Z", null);
        review(s2, secondReviewer, "2024-12-01T00:00:00Z", "2024-12-02T00:00:00Z");

        // Pathways: a published one with two starts and two completions in the range; a draft that is left out.
        UUID pathway = pathway("Agile facilitator", "published");
        // A place on the pathway bought by a "student" member in June: revenue by pathway.
        order(null, null, pathway, 4000, "USD", "paid", "2025-06-01T09:00:00Z", true, "student");
        pathway("Unfinished draft", "draft");
        // A name a spreadsheet would run as a formula: the CSV must hand it over as text.
        pathway(FORMULA_PATHWAY, "published");
        pathwayLearner(pathway, "2025-01-10T00:00:00Z", null);
        pathwayLearner(pathway, "2025-02-10T00:00:00Z", "2025-04-01T00:00:00Z");
        pathwayLearner(pathway, "2024-11-01T00:00:00Z", "2025-01-20T00:00:00Z");
        pathwayLearner(pathway, "2024-10-01T00:00:00Z", "2024-12-01T00:00:00Z");

        // Counters as flushed: page views of the micro-credentials, badge views, shares and verifications.
        counter("achievement_page_views", "achievement_id", assessed, "2025-01-03", 10);
        counter("achievement_page_views", "achievement_id", assessed, "2025-06-30", 2);
        counter("achievement_page_views", "achievement_id", assessed, "2024-12-31", 7);
        counter("achievement_page_views", "achievement_id", submitted, "2025-02-01", 5);
        audience(januaryAward, "2025-01-20", "view", 4);
        audience(januaryAward, "2025-01-20", "linkedin", 2);
        audience(march, "2025-03-15", "view", 3);
        audience(december, "2025-03-15", "view", 1);
        audience(januaryAward, "2024-12-31", "view", 9);
        audience(lateJanuary, "2025-07-01", "view", 8);
        counter("credential_verifications", "award_id", januaryAward, "2025-01-21", 2);
        counter("credential_verifications", "award_id", march, "2025-06-30", 1);
    }

    private UUID award(UUID achievementId, String issuedAt, String claimState) {
        Api.Response awarded = key.post("/api/v1/organizations/" + program.slug() + "/awards", Map.of("achievementId", achievementId.toString(),
                "recipient", Map.of("email", Fixtures.uniqueEmail("holder"), "name", "Hana Holder"),
                "evidence", List.of(Map.of("narrative", "Did it well."))));
        if (awarded.status() != 201) throw new AssertionError(awarded.body());
        UUID id = UUID.fromString(awarded.json().get("id").asText());
        db.sql("update awards set issued_at = ?, claim_state = ? where id = ?").params(ts(issuedAt), claimState, id).update();
        return id;
    }

    private UUID enrollment(UUID achievementId, String enrolledAt, String state, @Nullable UUID awardId) {
        UUID id = UUID.randomUUID();
        db.sql("""
                insert into enrollments (id, organization_id, achievement_id, design_version, email, name, state, payment, enrolled_at, award_id, awarded_at)
                values (?, ?, ?, 1, ?, ?, ?, 'none', ?, ?, ?)""")
                .params(id, program.organizationId(), achievementId, "learner" + (++learner) + "-" + id + "@example.org", "Lee Learner", state,
                        ts(enrolledAt), awardId, awardId == null ? null : ts(enrolledAt))
                .update();
        return id;
    }

    private void paid(UUID enrollment, long priceMinor, String currency, String paidAt, @Nullable Boolean member, @Nullable String type) {
        db.sql("update enrollments set payment = 'paid', price_minor = ?, currency = ?, paid_at = ?, buyer_member = ?, buyer_member_type = ? where id = ?")
                .params(priceMinor, currency, ts(paidAt), member, type, enrollment).update();
        UUID achievementId = db.sql("select achievement_id from enrollments where id = ?").param(enrollment).query(UUID.class).single();
        // The order's own member type is left empty, as on orders from before it was recorded: the report reads the enrollment's.
        order(enrollment, achievementId, null, priceMinor, currency, "paid", paidAt, null, null);
    }

    private UUID orderOf(UUID enrollment) {
        return db.sql("select id from orders where enrollment_id = ?").param(enrollment).query(UUID.class).single();
    }

    /** An order as payments writes it (one item, no tax or discount); the member type copied from the enrollment, if any. */
    private UUID order(@Nullable UUID enrollment, @Nullable UUID achievementId, @Nullable UUID pathwayId, long totalMinor, String currency,
            String state, @Nullable String paidAt, @Nullable Boolean member, @Nullable String type) {
        UUID id = UUID.randomUUID();
        db.sql("""
                insert into orders (id, organization_id, kind, method, state, buyer_email, buyer_name, achievement_id, pathway_id, item_name,
                  enrollment_id, quantity, unit_price_minor, subtotal_minor, discount_minor, tax_rate_bps, tax_inclusive, tax_minor, total_minor,
                  currency, created_at, paid_at, buyer_member, buyer_member_type)
                values (?, ?, ?, 'stripe', ?, ?, 'Bea Buyer', ?, ?, 'Item', ?, 1, ?, ?, 0, 0, true, 0, ?, ?, ?, ?, ?, ?)""")
                .params(id, program.organizationId(), pathwayId != null ? "pathway" : "enrollment", state, "buyer" + (++learner) + "@example.org",
                        achievementId, pathwayId, enrollment, totalMinor, totalMinor, totalMinor, currency,
                        ts(paidAt == null ? "2025-02-15T09:00:00Z" : paidAt), paidAt == null ? null : ts(paidAt), member, type)
                .update();
        return id;
    }

    private void refund(UUID order, long amountMinor, String at, boolean whole) {
        db.sql("insert into refunds (id, organization_id, order_id, amount_minor, currency, refunded_at) select ?, organization_id, id, ?, currency, ? from orders where id = ?")
                .params(UUID.randomUUID(), amountMinor, ts(at), order).update();
        db.sql("update orders set refunded_minor = refunded_minor + ?, state = ?, refunded_at = ? where id = ?")
                .params(amountMinor, whole ? "refunded" : "paid", whole ? ts(at) : null, order).update();
    }

    private void attempt(UUID enrollment, String submittedAt, boolean passed) {
        db.sql("""
                insert into assessment_attempts (id, enrollment_id, started_at, question_ids, answers, submitted_at, score_percent, passed)
                values (?, ?, ?, '[]', '{}', ?, ?, ?)""")
                .params(UUID.randomUUID(), enrollment, ts(submittedAt), ts(submittedAt), passed ? 100 : 25, passed).update();
    }

    private UUID submission(UUID enrollment, UUID achievementId, String submittedAt, @Nullable String decidedAt) {
        UUID id = UUID.randomUUID();
        db.sql("""
                insert into submissions (id, enrollment_id, organization_id, achievement_id, round, state, responses, created_at, updated_at,
                  submitted_at, decided_at, decision)
                values (?, ?, ?, ?, 1, ?, '{}', ?, ?, ?, ?, ?)""")
                .params(id, enrollment, program.organizationId(), achievementId, decidedAt == null ? "submitted" : "decided", ts(submittedAt),
                        ts(submittedAt), ts(submittedAt), decidedAt == null ? null : ts(decidedAt), decidedAt == null ? null : "meets")
                .update();
        return id;
    }

    private void review(UUID submission, EarningWorld.Person who, String assignedAt, @Nullable String completedAt) {
        Instant assigned = Instant.parse(assignedAt);
        db.sql("""
                insert into reviews (id, submission_id, organization_id, reviewer_id, state, assigned_at, due_at, completed_at, verdict)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(UUID.randomUUID(), submission, program.organizationId(), who.id(), completedAt == null ? "assigned" : "completed",
                        Timestamp.from(assigned), Timestamp.from(assigned.plusSeconds(7 * 86400)), completedAt == null ? null : ts(completedAt),
                        completedAt == null ? null : "meets")
                .update();
    }

    private UUID pathway(String name, String status) {
        UUID id = UUID.randomUUID();
        db.sql("""
                insert into pathways (id, organization_id, name, status, capstone_kind, rules, deeper_dives, latest_version, created_at, updated_at)
                values (?, ?, ?, ?, 'eligibility', ?, '[]', ?, ?, ?)""")
                .params(id, program.organizationId(), name, status, rules(), status.equals("draft") ? 0 : 1, ts("2024-09-01T00:00:00Z"),
                        ts("2024-09-01T00:00:00Z"))
                .update();
        if (!status.equals("draft")) {
            db.sql("insert into pathway_versions (pathway_id, version, name, capstone_kind, rules, deeper_dives, published_at) values (?, 1, ?, 'eligibility', ?, '[]', ?)")
                    .params(id, name, rules(), ts("2024-09-01T00:00:00Z")).update();
        }
        return id;
    }

    private String rules() {
        return "{\"kind\":\"allOf\",\"label\":\"Both\",\"parts\":[{\"kind\":\"earn\",\"achievementId\":\"" + assessed
                + "\"},{\"kind\":\"earn\",\"achievementId\":\"" + submitted + "\"}]}";
    }

    private void pathwayLearner(UUID pathway, String startedAt, @Nullable String completedAt) {
        db.sql("""
                insert into pathway_learners (id, pathway_id, organization_id, version, email, started_at, started_by, state, completed_at)
                values (?, ?, ?, 1, ?, ?, 'learner', ?, ?)""")
                .params(UUID.randomUUID(), pathway, program.organizationId(), Fixtures.uniqueEmail("walker"), ts(startedAt),
                        completedAt == null ? "active" : "completed", completedAt == null ? null : ts(completedAt))
                .update();
    }

    private void counter(String table, String column, UUID subject, String day, long hits) {
        db.sql("insert into " + table + " (" + column + ", on_day, hits) values (?, ?, ?)").params(subject, Date.valueOf(day), hits).update();
    }

    private void audience(UUID award, String day, String channel, long hits) {
        db.sql("insert into badge_audience (award_id, on_day, channel, hits) values (?, ?, ?, ?)")
                .params(award, Date.valueOf(day), channel, hits).update();
    }

    private static Timestamp ts(String instant) {
        return Timestamp.from(Instant.parse(instant));
    }
}
