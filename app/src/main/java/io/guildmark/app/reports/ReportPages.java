package io.guildmark.app.reports;

import java.util.List;

import io.guildmark.app.organizations.Organization;
import io.guildmark.app.shared.Actor;
import io.guildmark.app.shared.CurrentActor;
import io.guildmark.app.shared.Problem;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/** The Reports tab: every report for the chosen dates, each as a chart, its table and a CSV download. */
@Controller
class ReportPages {

    private final Reports reports;

    ReportPages(Reports reports) {
        this.reports = reports;
    }

    @GetMapping("/organizations/{slug}/reports")
    String page(@PathVariable String slug, @RequestParam(required = false) @Nullable String from,
            @RequestParam(required = false) @Nullable String to, Model model) {
        Organization org = reports.require(me(), slug);
        DateRange range;
        try {
            range = DateRange.parse(from, to, reports.today());
            model.addAttribute("from", range.from().toString());
            model.addAttribute("to", range.to().toString());
        } catch (Problem problem) {
            // The dates as typed stay in the form with the reason; the reports show the default period meanwhile.
            model.addAttribute("rangeMessage", problem.getMessage());
            model.addAttribute("from", from == null ? "" : from);
            model.addAttribute("to", to == null ? "" : to);
            range = DateRange.parse(null, null, reports.today());
        }
        List<ReportTable> tables = reports.all(org, range);
        model.addAttribute("org", org);
        model.addAttribute("tab", "reports");
        model.addAttribute("range", range);
        model.addAttribute("tables", tables);
        return "reports/reports";
    }

    @GetMapping("/organizations/{slug}/reports/{report}.csv")
    ResponseEntity<byte[]> csv(@PathVariable String slug, @PathVariable String report,
            @RequestParam(required = false) @Nullable String from, @RequestParam(required = false) @Nullable String to) {
        Organization org = reports.require(me(), slug);
        ReportKind kind = ReportKind.parse(report);
        DateRange range = DateRange.parse(from, to, reports.today());
        return ReportCsv.of(org.slug(), reports.one(org, kind, range), range);
    }

    private static Actor me() {
        return CurrentActor.get();
    }
}
