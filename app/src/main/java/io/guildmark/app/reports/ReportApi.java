package io.guildmark.app.reports;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import io.guildmark.app.organizations.Organization;
import io.guildmark.app.shared.ApiController;
import io.guildmark.app.shared.CurrentActor;
import io.guildmark.app.shared.GuildmarkSettings;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

@ApiController
@Tag(name = "Reports", description = "Aggregate figures for owners, admins and API keys: awards, funnel, assessments, reviews, pathways, revenue, engagement")
class ReportApi {

    record ReportLink(String id, String title, String href, String csv) {}

    record ReportIndex(LocalDate from, LocalDate to, List<ReportLink> reports) {}

    record ColumnView(String key, String label, String kind) {}

    record ReportView(String id, String title, String description, LocalDate from, LocalDate to, List<ColumnView> columns,
            List<Map<String, @Nullable Object>> rows) {}

    private final Reports reports;
    private final GuildmarkSettings settings;

    ReportApi(Reports reports, GuildmarkSettings settings) {
        this.reports = reports;
        this.settings = settings;
    }

    @GetMapping("/api/v1/organizations/{slug}/reports")
    @Operation(summary = "The reports there are, with their addresses",
            description = "from and to (YYYY-MM-DD, both included, UTC) default to the last twelve months and span at most ten years.")
    ReportIndex index(@PathVariable String slug, @RequestParam(required = false) @Nullable String from,
            @RequestParam(required = false) @Nullable String to) {
        Organization org = reports.require(CurrentActor.get(), slug);
        DateRange range = DateRange.parse(from, to, reports.today());
        String base = settings.url("/api/v1/organizations/" + org.slug() + "/reports/");
        String query = "?from=" + range.from() + "&to=" + range.to();
        return new ReportIndex(range.from(), range.to(), Arrays.stream(ReportKind.values())
                .map(k -> new ReportLink(k.id, k.title, base + k.id + query, base + k.id + ".csv" + query)).toList());
    }

    @GetMapping("/api/v1/organizations/{slug}/reports/{report}")
    @Operation(summary = "One report's figures as JSON",
            description = "Rows are objects keyed by the columns' keys. Kinds: text, count, percent (0-100, one decimal; null when"
                    + " undefined), hours (one decimal), decimal, money (an integer in the currency's minor unit; the row's currency says"
                    + " which). A bad date or a range over ten years is a 400 validation-failed; an unknown report a 404.")
    ReportView report(@PathVariable String slug, @PathVariable String report, @RequestParam(required = false) @Nullable String from,
            @RequestParam(required = false) @Nullable String to) {
        Organization org = reports.require(CurrentActor.get(), slug);
        ReportKind kind = ReportKind.parse(report);
        DateRange range = DateRange.parse(from, to, reports.today());
        ReportTable table = reports.one(org, kind, range);
        return new ReportView(table.id(), table.title(), table.description(), range.from(), range.to(),
                table.columns().stream().map(c -> new ColumnView(c.key(), c.label(), c.kind().name().toLowerCase(java.util.Locale.ROOT))).toList(),
                table.records());
    }

    @GetMapping("/api/v1/organizations/{slug}/reports/{report}.csv")
    @Operation(summary = "One report as CSV (amounts in the major unit, cells formula-escaped)")
    ResponseEntity<byte[]> csv(@PathVariable String slug, @PathVariable String report,
            @RequestParam(required = false) @Nullable String from, @RequestParam(required = false) @Nullable String to) {
        Organization org = reports.require(CurrentActor.get(), slug);
        ReportKind kind = ReportKind.parse(report);
        DateRange range = DateRange.parse(from, to, reports.today());
        return ReportCsv.of(org.slug(), reports.one(org, kind, range), range);
    }

}
