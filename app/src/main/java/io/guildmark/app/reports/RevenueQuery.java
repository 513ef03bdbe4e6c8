package io.guildmark.app.reports;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import static io.guildmark.app.reports.ReportTable.count;
import static io.guildmark.app.reports.ReportTable.money;
import static io.guildmark.app.reports.ReportTable.text;

/**
 * Revenue: every report's money comes from this one class. Today the platform's only record of a payment is a priced
 * enrollment that staff marked paid ({@code enrollments.payment = 'paid'}, with its price, currency and {@code paid_at});
 * a paid enrollment the learner withdrew from is reported as "withdrawn after paying", the money an association would
 * refund, and net is gross less that. Amounts are in the currency's minor unit and never added across currencies.
 *
 * <p>When orders and refunds are recorded, {@link #PAYMENTS} is the one place to change: it is the set of payments
 * (kept at, amount, currency, micro-credential, member type, refunded amount) that all three reports group.
 */
@Component
class RevenueQuery {

    /**
     * One row per payment in the organization: when it was paid, what for, by whom (member type as priced), how much,
     * and how much of it went back.
     */
    static final String PAYMENTS = """
            select organization_id, paid_at, achievement_id, currency, price_minor as amount,
              case when state = 'withdrawn' then 1 else 0 end as refunded,
              case when state = 'withdrawn' then price_minor else 0 end as refunded_amount,
              buyer_member, buyer_member_type
            from enrollments where organization_id = :org and payment = 'paid' and paid_at >= :start and paid_at < :end""";

    private static final String SUMS = "count(*) as paid, sum(amount) as gross, sum(refunded) as refunded, sum(refunded_amount) as refunded_amount";

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
        return List.of(first, text("currency", "Currency"), count("paidEnrollments", "Paid"), money("grossMinor", "Gross"),
                count("withdrawnAfterPaying", "Withdrawn after paying"), money("withdrawnAmountMinor", "Withdrawn amount"),
                money("netMinor", "Net"));
    }

    private static final String DESCRIPTION = " Paid: enrollments marked paid in the period; withdrawn after paying: those the learner has"
            + " since withdrawn from (to refund); net is gross less the withdrawn amount. Amounts per currency.";

    ReportTable byMonth(UUID org, DateRange range) {
        String month = Reports.month("paid_at");
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

    ReportTable byMicroCredential(UUID org, DateRange range, Function<Collection<UUID>, Map<UUID, String>> names) {
        record Row(UUID achievementId, String currency, Sums sums) {}
        List<Row> found = sql("achievement_id, currency", "achievement_id, currency", org, range)
                .query((rs, n) -> new Row(rs.getObject("achievement_id", UUID.class), rs.getString("currency"), Sums.of(rs))).list();
        Map<UUID, String> name = names.apply(found.stream().map(Row::achievementId).distinct().toList());
        List<Row> sorted = found.stream().sorted(Comparator.comparing((Row r) -> name.get(r.achievementId())).thenComparing(Row::currency)).toList();
        return grouped(ReportKind.REVENUE_BY_MICRO_CREDENTIAL, "Payments in the period per micro-credential.",
                text("microCredential", "Micro-credential"), sorted.stream().map(r -> new Labelled(name.get(r.achievementId()), r.currency(), r.sums())).toList(),
                "chart-revenue-credential");
    }

    /** Member type as priced when enrolling; enrollments from before that was recorded read "Not recorded". */
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
                "Payments in the period by the learner's member type on the roster when they enrolled.",
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
        int digits;
        try {
            digits = Math.max(0, Currency.getInstance(currency).getDefaultFractionDigits());
        } catch (IllegalArgumentException e) {
            digits = 2;
        }
        return BigDecimal.valueOf(minor, digits).doubleValue();
    }
}
