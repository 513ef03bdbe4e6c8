package io.guildmark.app.reports;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

import io.guildmark.app.shared.Money;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import static io.guildmark.app.reports.ReportTable.count;
import static io.guildmark.app.reports.ReportTable.money;
import static io.guildmark.app.reports.ReportTable.text;

/**
 * Revenue: every report's money comes from this one class, read from the orders (payments module): each paid order
 * (through Stripe, recorded offline by "Mark paid", seats, pathway places) counts its total in the month it was paid;
 * each refund, whole or partial ({@code refunds}), is subtracted in the month it was made, so a month's figures never
 * change after it ends. Orders that were never paid (pending, expired, a mismatch flagged before payment) and orders
 * of nothing (a discount that covered it all) are left out. Amounts are in the currency's minor unit and never added
 * across currencies.
 *
 * <p>{@link #PAYMENTS} is the one select: the set of money movements (when, micro-credential or pathway, currency,
 * amount in, amount back, member type) that all three reports group.
 */
@Component
class RevenueQuery {

    /**
     * One row per payment in the organization: when it was paid, what for, by whom (member type as priced), how much,
     * and how much of it went back.
     */
    static final String PAYMENTS = """
            select o.paid_at as kept_at, o.achievement_id, o.pathway_id, o.currency, o.total_minor as amount, 1 as paid, 0 as refunded,
              cast(0 as bigint) as refunded_amount, coalesce(o.buyer_member, e.buyer_member) as buyer_member,
              coalesce(o.buyer_member_type, e.buyer_member_type) as buyer_member_type
            from orders o left join enrollments e on e.id = o.enrollment_id
            where o.organization_id = :org and o.paid_at >= :start and o.paid_at < :end and o.state in ('paid', 'refunded', 'flagged')
              and o.total_minor > 0
            union all
            select r.refunded_at as kept_at, o.achievement_id, o.pathway_id, r.currency, cast(0 as bigint) as amount, 0 as paid, 1 as refunded,
              r.amount_minor as refunded_amount, coalesce(o.buyer_member, e.buyer_member) as buyer_member,
              coalesce(o.buyer_member_type, e.buyer_member_type) as buyer_member_type
            from refunds r join orders o on o.id = r.order_id left join enrollments e on e.id = o.enrollment_id
            where r.organization_id = :org and r.refunded_at >= :start and r.refunded_at < :end""";

    private static final String SUMS = "sum(paid) as paid, sum(amount) as gross, sum(refunded) as refunded, sum(refunded_amount) as refunded_amount";

    private final JdbcClient db;

    RevenueQuery(JdbcClient db) {
        this.db = db;
    }

    private record Sums(long paid, long gross, long refunded, long refundedAmount) {
        static Sums of(ResultSet rs) throws SQLException {
            return new Sums(rs.getLong("paid"), rs.getLong("gross"), rs.getLong("refunded"), rs.getLong("refunded_amount"));
        }

        List<@Nullable Object> cells(String label, String currency) {
            return java.util.Arrays.asList(label, currency, paid, gross, refunded, refundedAmount, gross - refundedAmount);
        }
    }

    private JdbcClient.StatementSpec sql(String select, String groupBy, UUID org, DateRange range) {
        return db.sql("select " + select + ", " + SUMS + " from (" + PAYMENTS + ") p group by " + groupBy)
                .param("org", org).param("start", range.start()).param("end", range.end());
    }

    private static List<ReportTable.Column> columns(ReportTable.Column first) {
        return List.of(first, text("currency", "Currency"), count("payments", "Paid"), money("grossMinor", "Gross"),
                count("refunds", "Refunds"), money("refundedMinor", "Refunded"), money("netMinor", "Net"));
    }

    private static final String DESCRIPTION = " Paid: orders paid in the period (online, offline, seats, pathway places), at their total;"
            + " refunds: refunds made in the period, whole or partial, whenever the order was paid; net is gross less refunded."
            + " Amounts per currency.";

    ReportTable byMonth(UUID org, DateRange range) {
        String month = Reports.month("kept_at");
        record Row(int month, String currency, Sums sums) {}
        List<Row> found = sql(month + " as ym, currency", month + ", currency", org, range)
                .query((rs, n) -> new Row(rs.getInt("ym"), rs.getString("currency"), Sums.of(rs))).list();
        List<YearMonth> months = range.months();
        Map<String, double[]> netByCurrency = new LinkedHashMap<>();
        List<List<@Nullable Object>> rows = new ArrayList<>();
        found.stream().sorted(Comparator.comparingInt(Row::month).thenComparing(Row::currency)).forEach(r -> {
            YearMonth ym = YearMonth.of(r.month() / 100, r.month() % 100);
            rows.add(r.sums().cells(ym.toString(), r.currency()));
            netByCurrency.computeIfAbsent(r.currency(), k -> new double[months.size()])[months.indexOf(ym)] +=
                    major(r.sums().gross() - r.sums().refundedAmount(), r.currency());
        });
        String title = ReportKind.REVENUE_BY_MONTH.title;
        return new ReportTable(ReportKind.REVENUE_BY_MONTH.id, title, "Payments per month (UTC)." + DESCRIPTION, columns(text("month", "Month")), rows,
                SvgChart.render("chart-revenue-month", title, "Line chart of net revenue per month, one line per currency; the table below lists the figures.",
                        SvgChart.Style.LINES, Reports.labels(months), series(netByCurrency)));
    }

    /** Per micro-credential (enrollments and seats) and per pathway (places), pathways named "Pathway: …". */
    ReportTable byMicroCredential(UUID org, DateRange range, Function<Collection<UUID>, Map<UUID, String>> names) {
        record Row(@Nullable UUID achievementId, @Nullable UUID pathwayId, String currency, Sums sums) {}
        List<Row> found = sql("achievement_id, pathway_id, currency", "achievement_id, pathway_id, currency", org, range)
                .query((rs, n) -> new Row(rs.getObject("achievement_id", UUID.class), rs.getObject("pathway_id", UUID.class),
                        rs.getString("currency"), Sums.of(rs))).list();
        Map<UUID, String> name = new java.util.HashMap<>(names.apply(found.stream().map(Row::achievementId).filter(java.util.Objects::nonNull).distinct().toList()));
        found.stream().map(Row::pathwayId).filter(java.util.Objects::nonNull).distinct().forEach(id -> name.put(id, "Pathway: "
                + db.sql("select name from pathways where id = ?").param(id).query(String.class).optional().orElse("(deleted)")));
        Function<Row, String> label = r -> r.achievementId() != null ? name.getOrDefault(r.achievementId(), "(deleted)")
                : r.pathwayId() != null ? name.get(r.pathwayId()) : "(deleted)";
        List<Row> sorted = found.stream().sorted(Comparator.comparing(label).thenComparing(Row::currency)).toList();
        return grouped(ReportKind.REVENUE_BY_MICRO_CREDENTIAL, "Payments in the period per micro-credential and pathway.",
                text("microCredential", "Micro-credential or pathway"), sorted.stream().map(r -> new Labelled(label.apply(r), r.currency(), r.sums())).toList(),
                "chart-revenue-credential");
    }

    /** Member type as priced when ordering (or enrolling); payments from before that was recorded read "Not recorded". */
    ReportTable byMemberType(UUID org, DateRange range) {
        record Row(String label, String currency, Sums sums) {}
        List<Row> found = sql("buyer_member, buyer_member_type, currency", "buyer_member, buyer_member_type, currency", org, range)
                .query((rs, n) -> {
                    Object member = rs.getObject("buyer_member");
                    String type = rs.getString("buyer_member_type");
                    String label = member == null ? "Not recorded" : type != null ? type
                            : Boolean.TRUE.equals(rs.getBoolean("buyer_member")) ? "Member (no type)" : "Non-member";
                    return new Row(label, rs.getString("currency"), Sums.of(rs));
                }).list();
        List<Row> sorted = found.stream().sorted(Comparator.comparing(Row::label).thenComparing(Row::currency)).toList();
        return grouped(ReportKind.REVENUE_BY_MEMBER_TYPE,
                "Payments in the period by the buyer's member type on the roster when they ordered.",
                text("memberType", "Member type"), sorted.stream().map(r -> new Labelled(r.label(), r.currency(), r.sums())).toList(),
                "chart-revenue-member-type");
    }

    private record Labelled(String label, String currency, Sums sums) {}

    private ReportTable grouped(ReportKind kind, String description, ReportTable.Column first, List<Labelled> found, String chartId) {
        List<String> labels = found.stream().map(Labelled::label).distinct().toList();
        Map<String, double[]> netByCurrency = new LinkedHashMap<>();
        List<List<@Nullable Object>> rows = new ArrayList<>();
        for (Labelled r : found) {
            rows.add(r.sums().cells(r.label(), r.currency()));
            netByCurrency.computeIfAbsent(r.currency(), k -> new double[labels.size()])[labels.indexOf(r.label())] +=
                    major(r.sums().gross() - r.sums().refundedAmount(), r.currency());
        }
        return new ReportTable(kind.id, kind.title, description + DESCRIPTION, columns(first), rows,
                SvgChart.render(chartId, kind.title, "Bar chart of net revenue, one bar per currency; the table below lists the figures.",
                        SvgChart.Style.BARS, labels, series(netByCurrency)));
    }

    private static List<SvgChart.Series> series(Map<String, double[]> netByCurrency) {
        return netByCurrency.entrySet().stream().map(e -> new SvgChart.Series("Net (" + e.getKey() + ")", e.getValue())).toList();
    }

    private static double major(long minor, String currency) {
        return BigDecimal.valueOf(minor, Money.digits(currency)).doubleValue();
    }
}
