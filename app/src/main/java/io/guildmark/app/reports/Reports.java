package io.guildmark.app.reports;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import io.guildmark.app.accounts.Accounts;
import io.guildmark.app.catalog.Achievements;
import io.guildmark.app.organizations.Organization;
import io.guildmark.app.organizations.Organizations;
import io.guildmark.app.organizations.Permission;
import io.guildmark.app.shared.Actor;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import static io.guildmark.app.reports.ReportTable.count;
import static io.guildmark.app.reports.ReportTable.decimal;
import static io.guildmark.app.reports.ReportTable.hours;
import static io.guildmark.app.reports.ReportTable.percent;
import static io.guildmark.app.reports.ReportTable.rate;
import static io.guildmark.app.reports.ReportTable.text;

/**
 * The figures behind the Reports tab, each one aggregate query (group by) over one organization's rows in the date
 * range, read through indexes that lead with the organization. Figures are counts of records, never estimates: the
 * integration test checks each against a seeded data set. Revenue lives in {@link RevenueQuery}.
 */
@Service
class Reports {

    /** Months of a timestamp column in UTC, the same on H2 (PostgreSQL mode) and PostgreSQL. */
    static String month(String column) {
        return "extract(year from " + column + " at time zone 'UTC') * 100 + extract(month from " + column + " at time zone 'UTC')";
    }

    private static String seconds(String from, String to) {
        return "(extract(epoch from " + to + ") - extract(epoch from " + from + "))";
    }

    private static final String IN_RANGE = " >= :start and %s < :end";

    private final JdbcClient db;
    private final Organizations organizations;
    private final Achievements achievements;
    private final Accounts accounts;
    private final RevenueQuery revenue;
    private final Clock clock;

    Reports(JdbcClient db, Organizations organizations, Achievements achievements, Accounts accounts, RevenueQuery revenue, Clock clock) {
        this.db = db;
        this.organizations = organizations;
        this.achievements = achievements;
        this.accounts = accounts;
        this.revenue = revenue;
        this.clock = clock;
    }

    /** The organization, when the actor may read its reports (another organization's reads as not found). */
    Organization require(Actor actor, String slug) {
        return organizations.require(actor, slug, Permission.SEE_REPORTS);
    }

    LocalDate today() {
        return LocalDate.now(clock.withZone(ZoneOffset.UTC));
    }

    /** Every report, read in one transaction so that they agree with each other. */
    @Transactional(readOnly = true)
    List<ReportTable> all(Organization org, DateRange range) {
        List<ReportTable> tables = new ArrayList<>();
        for (ReportKind kind : ReportKind.values()) tables.add(one(org, kind, range));
        return tables;
    }

    @Transactional(readOnly = true)
    ReportTable one(Organization org, ReportKind kind, DateRange range) {
        return switch (kind) {
            case AWARDS -> awards(org.id(), range);
            case FUNNEL -> funnel(org.id(), range);
            case ASSESSMENTS -> assessments(org.id(), range);
            case REVIEW_TURNAROUND -> turnaround(org.id(), range);
            case REVIEWER_LOAD -> reviewerLoad(org.id(), range);
            case PATHWAYS -> pathways(org.id(), range);
            case REVENUE_BY_MONTH -> revenue.byMonth(org.id(), range);
            case REVENUE_BY_MICRO_CREDENTIAL -> revenue.byMicroCredential(org.id(), range, this::names);
            case REVENUE_BY_MEMBER_TYPE -> revenue.byMemberType(org.id(), range);
            case ENGAGEMENT -> engagement(org.id(), range);
            case CLAIMS -> claims(org.id(), range);
        };
    }

    private JdbcClient.StatementSpec sql(String sql, UUID org, DateRange range) {
        return db.sql(sql).param("org", org).param("start", range.start()).param("end", range.end())
                .param("firstDay", range.firstDay()).param("lastDay", range.lastDay());
    }

    private static String inRange(String column) {
        return column + IN_RANGE.formatted(column);
    }

    /** Awards issued in the range (revoked ones included: they were issued), per UTC month and micro-credential. */
    ReportTable awards(UUID org, DateRange range) {
        record Row(int month, UUID achievementId, String issuedName, long awards) {}
        List<Row> found = sql("select " + month("issued_at") + " as ym, achievement_id, max(achievement_name) as name, count(*) as n"
                + " from awards where organization_id = :org and " + inRange("issued_at")
                + " group by " + month("issued_at") + ", achievement_id", org, range)
                .query((rs, n) -> new Row(rs.getInt("ym"), rs.getObject("achievement_id", UUID.class), rs.getString("name"), rs.getLong("n")))
                .list();
        Map<UUID, String> issued = new HashMap<>();
        found.forEach(r -> issued.put(r.achievementId(), r.issuedName()));
        Map<UUID, String> names = names(issued.keySet(), issued);
        List<YearMonth> months = range.months();
        Map<UUID, double[]> perCredential = new LinkedHashMap<>();
        List<List<@Nullable Object>> rows = new ArrayList<>();
        found.stream().sorted(Comparator.comparingInt(Row::month).thenComparing(r -> names.get(r.achievementId()))).forEach(r -> {
            YearMonth ym = YearMonth.of(r.month() / 100, r.month() % 100);
            rows.add(List.of(ym.toString(), names.get(r.achievementId()), r.awards()));
            perCredential.computeIfAbsent(r.achievementId(), k -> new double[months.size()])[months.indexOf(ym)] += r.awards();
        });
        List<SvgChart.Series> series = perCredential.entrySet().stream()
                .sorted(Comparator.comparingDouble((Map.Entry<UUID, double[]> e) -> -sum(e.getValue())).thenComparing(e -> names.get(e.getKey())))
                .map(e -> new SvgChart.Series(names.get(e.getKey()), e.getValue())).toList();
        String title = ReportKind.AWARDS.title;
        return new ReportTable(ReportKind.AWARDS.id, title, "Credentials issued in each month (UTC), revoked ones included.",
                List.of(text("month", "Month"), text("microCredential", "Micro-credential"), count("awards", "Awards")), rows,
                SvgChart.render("chart-awards", title, "Line chart of awards issued per month, one line per micro-credential; the table below lists the figures.",
                        SvgChart.Style.LINES, labels(months), series));
    }

    /**
     * Per micro-credential: page views in the range, then the enrollments started in the range and how many of those
     * submitted something (a work product, an assessment attempt or a recorded demonstration; an enrollment awarded on
     * a reported course completion alone counts too) and were awarded.
     */
    ReportTable funnel(UUID org, DateRange range) {
        Map<UUID, long[]> counts = new HashMap<>();
        sql("select v.achievement_id, sum(v.hits) as views from achievement_page_views v join achievements a on a.id = v.achievement_id"
                + " where a.organization_id = :org and v.on_day >= :firstDay and v.on_day <= :lastDay group by v.achievement_id", org, range)
                .query(rs -> {
                    counts.computeIfAbsent(rs.getObject(1, UUID.class), k -> new long[4])[0] = rs.getLong(2);
                });
        sql("""
                select e.achievement_id, count(*) as enrolled,
                  sum(case when e.award_id is not null
                        or exists (select 1 from submissions s where s.enrollment_id = e.id and s.submitted_at is not null)
                        or exists (select 1 from assessment_attempts t where t.enrollment_id = e.id and t.submitted_at is not null)
                        or exists (select 1 from demonstrations d where d.enrollment_id = e.id) then 1 else 0 end) as submitted,
                  sum(case when e.award_id is not null then 1 else 0 end) as earned
                from enrollments e where e.organization_id = :org and e.enrolled_at >= :start and e.enrolled_at < :end
                group by e.achievement_id""", org, range)
                .query(rs -> {
                    long[] c = counts.computeIfAbsent(rs.getObject(1, UUID.class), k -> new long[4]);
                    c[1] = rs.getLong(2);
                    c[2] = rs.getLong(3);
                    c[3] = rs.getLong(4);
                });
        Map<UUID, String> names = names(counts.keySet());
        List<UUID> order = counts.keySet().stream().sorted(Comparator.comparing(names::get)).toList();
        List<List<@Nullable Object>> rows = new ArrayList<>();
        String[] stages = {"Viewed", "Enrolled", "Submitted", "Earned"};
        List<SvgChart.Series> series = new ArrayList<>();
        for (int s = 0; s < 4; s++) series.add(new SvgChart.Series(stages[s], new double[order.size()]));
        for (int i = 0; i < order.size(); i++) {
            long[] c = counts.get(order.get(i));
            rows.add(java.util.Arrays.asList(names.get(order.get(i)), c[0], c[1], c[2], c[3], dropOff(c[0], c[1]), dropOff(c[1], c[2]), dropOff(c[2], c[3])));
            for (int s = 0; s < 4; s++) series.get(s).values()[i] = c[s];
        }
        String title = ReportKind.FUNNEL.title;
        return new ReportTable(ReportKind.FUNNEL.id, title,
                "Views of each micro-credential's public page in the period; enrollments started in the period, and of those how many"
                        + " submitted work (or an assessment or demonstration) and how many earned the credential. Drop-off is the share"
                        + " lost from one step to the next.",
                List.of(text("microCredential", "Micro-credential"), count("viewed", "Viewed"), count("enrolled", "Enrolled"),
                        count("submitted", "Submitted"), count("earned", "Earned"), percent("viewedToEnrolledDropOff", "Drop-off viewed → enrolled (%)"),
                        percent("enrolledToSubmittedDropOff", "Drop-off enrolled → submitted (%)"),
                        percent("submittedToEarnedDropOff", "Drop-off submitted → earned (%)")),
                rows, SvgChart.render("chart-funnel", title, "Bar chart: for each micro-credential, views, enrollments, submissions and awards; the table below lists the figures.",
                        SvgChart.Style.BARS, order.stream().map(names::get).toList(), series));
    }

    /** The share lost from one step to the next; none when the earlier step is empty or the later one is larger (views are not a cohort). */
    static @Nullable BigDecimal dropOff(long before, long after) {
        if (before == 0 || after > before) return null;
        return rate(before - after, before);
    }

    /** Assessment attempts finished in the range: how many, how many passed, and by how many learners. */
    ReportTable assessments(UUID org, DateRange range) {
        record Row(UUID achievementId, long learners, long attempts, long passed, long learnersPassed) {}
        List<Row> found = sql("""
                select e.achievement_id, count(distinct t.enrollment_id) as learners, count(*) as attempts,
                  sum(case when t.passed then 1 else 0 end) as passed,
                  count(distinct case when t.passed then t.enrollment_id end) as learners_passed
                from assessment_attempts t join enrollments e on e.id = t.enrollment_id
                where e.organization_id = :org and t.submitted_at >= :start and t.submitted_at < :end
                group by e.achievement_id""", org, range)
                .query((rs, n) -> new Row(rs.getObject(1, UUID.class), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5))).list();
        Map<UUID, String> names = names(found.stream().map(Row::achievementId).toList());
        List<Row> sorted = found.stream().sorted(Comparator.comparing(r -> names.get(r.achievementId()))).toList();
        List<List<@Nullable Object>> rows = new ArrayList<>();
        double[] passRates = new double[sorted.size()];
        for (int i = 0; i < sorted.size(); i++) {
            Row r = sorted.get(i);
            BigDecimal passRate = rate(r.passed(), r.attempts());
            rows.add(java.util.Arrays.asList(names.get(r.achievementId()), r.learners(), r.attempts(), r.passed(), passRate,
                    r.learnersPassed(), ReportTable.ratio(r.attempts(), r.learners())));
            passRates[i] = passRate == null ? 0 : passRate.doubleValue();
        }
        String title = ReportKind.ASSESSMENTS.title;
        return new ReportTable(ReportKind.ASSESSMENTS.id, title, "Assessment attempts finished in the period, per micro-credential.",
                List.of(text("microCredential", "Micro-credential"), count("learners", "Learners"), count("attempts", "Attempts"),
                        count("passedAttempts", "Passed attempts"), percent("passRate", "Pass rate (%)"), count("learnersPassed", "Learners who passed"),
                        decimal("attemptsPerLearner", "Attempts per learner")),
                rows, SvgChart.render("chart-assessments", title, "Bar chart of the pass rate of each micro-credential's assessment, in percent; the table below lists the figures.",
                        SvgChart.Style.BARS, sorted.stream().map(r -> names.get(r.achievementId())).toList(),
                        List.of(new SvgChart.Series("Pass rate (%)", passRates))));
    }

    /**
     * Submissions decided in the range: hours from submission to decision, median and 90th percentile (continuous,
     * interpolated, as PostgreSQL's percentile_cont), per micro-credential and for all.
     */
    ReportTable turnaround(UUID org, DateRange range) {
        String select = "count(*) as n, percentile_cont(0.5) within group (order by " + seconds("submitted_at", "decided_at") + ") as median,"
                + " percentile_cont(0.9) within group (order by " + seconds("submitted_at", "decided_at") + ") as p90";
        String where = " from submissions where organization_id = :org and decided_at >= :start and decided_at < :end and submitted_at is not null";
        record Row(@Nullable UUID achievementId, long decided, @Nullable BigDecimal median, @Nullable BigDecimal p90) {}
        List<Row> found = sql("select achievement_id, " + select + where + " group by achievement_id", org, range)
                .query((rs, n) -> new Row(rs.getObject(1, UUID.class), rs.getLong("n"), ReportTable.hoursOf(number(rs, "median")),
                        ReportTable.hoursOf(number(rs, "p90")))).list();
        Row all = sql("select " + select + where, org, range)
                .query((rs, n) -> new Row(null, rs.getLong("n"), ReportTable.hoursOf(number(rs, "median")), ReportTable.hoursOf(number(rs, "p90"))))
                .single();
        Map<UUID, String> names = names(found.stream().map(Row::achievementId).toList());
        List<Row> sorted = found.stream().sorted(Comparator.comparing(r -> names.get(r.achievementId()))).toList();
        List<List<@Nullable Object>> rows = new ArrayList<>();
        double[] medians = new double[sorted.size()];
        double[] p90s = new double[sorted.size()];
        for (int i = 0; i < sorted.size(); i++) {
            Row r = sorted.get(i);
            rows.add(java.util.Arrays.asList(names.get(r.achievementId()), r.decided(), r.median(), r.p90()));
            medians[i] = r.median() == null ? 0 : r.median().doubleValue();
            p90s[i] = r.p90() == null ? 0 : r.p90().doubleValue();
        }
        rows.add(java.util.Arrays.asList("All micro-credentials", all.decided(), all.median(), all.p90()));
        String title = ReportKind.REVIEW_TURNAROUND.title;
        return new ReportTable(ReportKind.REVIEW_TURNAROUND.id, title,
                "Hours from a learner submitting work to its decision, for submissions decided in the period.",
                List.of(text("microCredential", "Micro-credential"), count("decided", "Decided"), hours("medianHours", "Median (hours)"),
                        hours("p90Hours", "90th percentile (hours)")),
                rows, SvgChart.render("chart-turnaround", title, "Bar chart of median and 90th-percentile review turnaround in hours per micro-credential; the table below lists the figures.",
                        SvgChart.Style.BARS, sorted.stream().map(r -> names.get(r.achievementId())).toList(),
                        List.of(new SvgChart.Series("Median (hours)", medians), new SvgChart.Series("90th percentile (hours)", p90s))));
    }

    /** Per reviewer: reviews assigned and completed in the range, their median hours to complete, and what is open now. */
    ReportTable reviewerLoad(UUID org, DateRange range) {
        String completedInRange = "state = 'completed' and completed_at >= :start and completed_at < :end";
        record Row(UUID reviewerId, long assigned, long completed, @Nullable BigDecimal median, long open, long overdue) {}
        List<Row> found = sql("select reviewer_id,"
                + " sum(case when assigned_at >= :start and assigned_at < :end then 1 else 0 end) as assigned,"
                + " sum(case when " + completedInRange + " then 1 else 0 end) as completed,"
                + " percentile_cont(0.5) within group (order by case when " + completedInRange + " then "
                + seconds("assigned_at", "completed_at") + " end) as median,"
                + " sum(case when state = 'assigned' then 1 else 0 end) as open_now,"
                + " sum(case when state = 'assigned' and due_at < :now then 1 else 0 end) as overdue"
                + " from reviews where organization_id = :org"
                + " and ((assigned_at >= :start and assigned_at < :end) or state = 'assigned' or (" + completedInRange + "))"
                + " group by reviewer_id", org, range)
                .param("now", Timestamp.from(clock.instant()))
                .query((rs, n) -> new Row(rs.getObject(1, UUID.class), rs.getLong("assigned"), rs.getLong("completed"),
                        ReportTable.hoursOf(number(rs, "median")), rs.getLong("open_now"), rs.getLong("overdue"))).list();
        Map<UUID, String> people = new HashMap<>();
        for (Row r : found) {
            people.put(r.reviewerId(), accounts.find(r.reviewerId()).map(u -> u.name() + " <" + u.email() + ">").orElse("Former account"));
        }
        List<Row> sorted = found.stream().sorted(Comparator.comparing((Row r) -> -r.completed()).thenComparing(r -> people.get(r.reviewerId()))).toList();
        List<List<@Nullable Object>> rows = new ArrayList<>();
        double[] completed = new double[sorted.size()];
        double[] open = new double[sorted.size()];
        for (int i = 0; i < sorted.size(); i++) {
            Row r = sorted.get(i);
            rows.add(java.util.Arrays.asList(people.get(r.reviewerId()), r.assigned(), r.completed(), r.median(), r.open(), r.overdue()));
            completed[i] = r.completed();
            open[i] = r.open();
        }
        String title = ReportKind.REVIEWER_LOAD.title;
        return new ReportTable(ReportKind.REVIEWER_LOAD.id, title,
                "Reviews assigned and completed in the period per reviewer, the median hours from assignment to review, and the reviews open"
                        + " (and overdue) today.",
                List.of(text("reviewer", "Reviewer"), count("assigned", "Assigned"), count("completed", "Completed"),
                        hours("medianHours", "Median hours to review"), count("openNow", "Open now"), count("overdueNow", "Overdue now")),
                rows, SvgChart.render("chart-reviewers", title, "Bar chart of reviews completed in the period and open now, per reviewer; the table below lists the figures.",
                        SvgChart.Style.BARS, sorted.stream().map(r -> people.get(r.reviewerId()).replaceAll(" <.*", "")).toList(),
                        List.of(new SvgChart.Series("Completed", completed), new SvgChart.Series("Open now", open))));
    }

    /** Per pathway (drafts left out): learners who started and who completed in the range, and those still on it now. */
    ReportTable pathways(UUID org, DateRange range) {
        Map<UUID, long[]> counts = new HashMap<>();
        sql("""
                select pathway_id,
                  sum(case when started_at >= :start and started_at < :end then 1 else 0 end) as started,
                  sum(case when state = 'completed' and completed_at >= :start and completed_at < :end then 1 else 0 end) as completed,
                  sum(case when state <> 'completed' then 1 else 0 end) as in_progress
                from pathway_learners where organization_id = :org group by pathway_id""", org, range)
                .query(rs -> {
                    counts.put(rs.getObject(1, UUID.class), new long[] {rs.getLong(2), rs.getLong(3), rs.getLong(4)});
                });
        record Pathway(UUID id, String name) {}
        List<Pathway> pathways = db.sql("select id, name from pathways where organization_id = ? and status <> 'draft' order by name, id")
                .param(org).query((rs, n) -> new Pathway(rs.getObject(1, UUID.class), rs.getString(2))).list();
        List<List<@Nullable Object>> rows = new ArrayList<>();
        double[] started = new double[pathways.size()];
        double[] completed = new double[pathways.size()];
        for (int i = 0; i < pathways.size(); i++) {
            long[] c = counts.getOrDefault(pathways.get(i).id(), new long[3]);
            rows.add(List.of(pathways.get(i).name(), c[0], c[1], c[2]));
            started[i] = c[0];
            completed[i] = c[1];
        }
        String title = ReportKind.PATHWAYS.title;
        return new ReportTable(ReportKind.PATHWAYS.id, title,
                "Learners who started each pathway and who completed it in the period, and learners on it who have not completed yet (today).",
                List.of(text("pathway", "Pathway"), count("started", "Started"), count("completed", "Completed"), count("inProgressNow", "In progress now")),
                rows, SvgChart.render("chart-pathways", title, "Bar chart of learners who started and completed each pathway in the period; the table below lists the figures.",
                        SvgChart.Style.BARS, pathways.stream().map(Pathway::name).toList(),
                        List.of(new SvgChart.Series("Started", started), new SvgChart.Series("Completed", completed))));
    }

    /** Per month: views of the organization's badge pages, share clicks, and verifications of its credentials. */
    ReportTable engagement(UUID org, DateRange range) {
        Map<Integer, long[]> byMonth = new TreeMap<>();
        sql("select extract(year from b.on_day) * 100 + extract(month from b.on_day) as ym,"
                + " sum(case when b.channel = 'view' then b.hits else 0 end) as views, sum(case when b.channel <> 'view' then b.hits else 0 end) as shares"
                + " from badge_audience b join awards a on a.id = b.award_id"
                + " where a.organization_id = :org and b.on_day >= :firstDay and b.on_day <= :lastDay"
                + " group by extract(year from b.on_day) * 100 + extract(month from b.on_day)", org, range)
                .query(rs -> {
                    long[] c = byMonth.computeIfAbsent(rs.getInt(1), k -> new long[3]);
                    c[0] = rs.getLong(2);
                    c[1] = rs.getLong(3);
                });
        sql("select extract(year from v.on_day) * 100 + extract(month from v.on_day) as ym, sum(v.hits)"
                + " from credential_verifications v join awards a on a.id = v.award_id"
                + " where a.organization_id = :org and v.on_day >= :firstDay and v.on_day <= :lastDay"
                + " group by extract(year from v.on_day) * 100 + extract(month from v.on_day)", org, range)
                .query(rs -> {
                    byMonth.computeIfAbsent(rs.getInt(1), k -> new long[3])[2] = rs.getLong(2);
                });
        List<YearMonth> months = range.months();
        double[][] series = new double[3][months.size()];
        List<List<@Nullable Object>> rows = new ArrayList<>();
        for (int i = 0; i < months.size(); i++) {
            YearMonth m = months.get(i);
            long[] c = byMonth.getOrDefault(m.getYear() * 100 + m.getMonthValue(), new long[3]);
            rows.add(List.of(m.toString(), c[0], c[1], c[2]));
            for (int s = 0; s < 3; s++) series[s][i] = c[s];
        }
        String title = ReportKind.ENGAGEMENT.title;
        return new ReportTable(ReportKind.ENGAGEMENT.id, title,
                "Views of this organization's badge pages, clicks on their share buttons, and verifications of its credentials on this"
                        + " platform's verifier, per month (UTC). Crawlers are not counted.",
                List.of(text("month", "Month"), count("badgePageViews", "Badge page views"), count("shares", "Shares"),
                        count("verifications", "Verifications")),
                rows, SvgChart.render("chart-engagement", title, "Line chart of badge page views, shares and verifications per month; the table below lists the figures.",
                        SvgChart.Style.LINES, labels(months), List.of(new SvgChart.Series("Badge page views", series[0]),
                                new SvgChart.Series("Shares", series[1]), new SvgChart.Series("Verifications", series[2]))));
    }

    /** Awards issued in the range by micro-credential: how many the recipient accepted, declined or has not answered. */
    ReportTable claims(UUID org, DateRange range) {
        record Row(UUID achievementId, String issuedName, long awarded, long accepted, long declined, long pending) {}
        List<Row> found = sql("""
                select achievement_id, max(achievement_name) as name, count(*) as awarded,
                  sum(case when claim_state = 'accepted' then 1 else 0 end) as accepted,
                  sum(case when claim_state = 'declined' then 1 else 0 end) as declined,
                  sum(case when claim_state = 'pending' then 1 else 0 end) as pending
                from awards where organization_id = :org and issued_at >= :start and issued_at < :end group by achievement_id""", org, range)
                .query((rs, n) -> new Row(rs.getObject(1, UUID.class), rs.getString(2), rs.getLong(3), rs.getLong(4), rs.getLong(5), rs.getLong(6)))
                .list();
        Map<UUID, String> issued = new HashMap<>();
        found.forEach(r -> issued.put(r.achievementId(), r.issuedName()));
        Map<UUID, String> names = names(issued.keySet(), issued);
        List<Row> sorted = found.stream().sorted(Comparator.comparing(r -> names.get(r.achievementId()))).toList();
        List<List<@Nullable Object>> rows = new ArrayList<>();
        double[][] series = new double[3][sorted.size()];
        long[] total = new long[4];
        for (int i = 0; i < sorted.size(); i++) {
            Row r = sorted.get(i);
            rows.add(java.util.Arrays.asList(names.get(r.achievementId()), r.awarded(), r.accepted(), r.declined(), r.pending(), rate(r.accepted(), r.awarded())));
            series[0][i] = r.accepted();
            series[1][i] = r.declined();
            series[2][i] = r.pending();
            total[0] += r.awarded();
            total[1] += r.accepted();
            total[2] += r.declined();
            total[3] += r.pending();
        }
        rows.add(java.util.Arrays.asList("All micro-credentials", total[0], total[1], total[2], total[3], rate(total[1], total[0])));
        String title = ReportKind.CLAIMS.title;
        return new ReportTable(ReportKind.CLAIMS.id, title,
                "Credentials issued in the period and whether their recipients accepted them; the claim rate is accepted ÷ awarded.",
                List.of(text("microCredential", "Micro-credential"), count("awarded", "Awarded"), count("accepted", "Accepted"),
                        count("declined", "Declined"), count("pending", "Not answered"), percent("claimRate", "Claim rate (%)")),
                rows, SvgChart.render("chart-claims", title, "Bar chart of accepted, declined and unanswered awards per micro-credential; the table below lists the figures.",
                        SvgChart.Style.BARS, sorted.stream().map(r -> names.get(r.achievementId())).toList(),
                        List.of(new SvgChart.Series("Accepted", series[0]), new SvgChart.Series("Declined", series[1]),
                                new SvgChart.Series("Not answered", series[2]))));
    }

    /** Micro-credentials' current names (their newest version's), by id; an id without a version is left out. */
    Map<UUID, String> names(Collection<UUID> ids) {
        return names(ids, Map.of());
    }

    /** The same, falling back to the name an award was issued under when the micro-credential is gone. */
    private Map<UUID, String> names(Collection<UUID> ids, Map<UUID, String> issuedNames) {
        Map<UUID, String> names = new HashMap<>();
        for (UUID id : ids) achievements.latestVersion(id).ifPresent(v -> names.put(id, v.definition().name()));
        for (UUID id : ids) names.putIfAbsent(id, issuedNames.getOrDefault(id, "Deleted micro-credential " + id.toString().substring(0, 8)));
        return names;
    }

    static List<String> labels(List<YearMonth> months) {
        return months.stream().map(YearMonth::toString).toList();
    }

    private static double sum(double[] values) {
        double s = 0;
        for (double v : values) s += v;
        return s;
    }

    private static @Nullable Number number(ResultSet rs, String column) throws SQLException {
        Object value = rs.getObject(column);
        return value instanceof Number n ? n : null;
    }
}
