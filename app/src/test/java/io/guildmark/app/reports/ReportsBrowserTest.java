package io.guildmark.app.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import io.guildmark.app.support.BrowserTest;
import io.guildmark.app.support.EarningWorld;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/** An owner opens Reports, picks the first half of 2025, and reads the charts and the tables under them. */
class ReportsBrowserTest extends BrowserTest {

    @Autowired ApplicationContext context;

    @Test
    void anOwnerChangesTheDateRangeAndSeesChartsWithTheirTables() {
        ReportsDataSet data = new ReportsDataSet(new EarningWorld(context, admin(), baseUrl()), api(), db);
        signInAnew(data.program.owner().email(), EarningWorld.PASSWORD);

        open("/organizations/" + data.program.slug());
        click("Reports");
        waitForText("Showing");
        assertThat(pageText()).contains("Awards per month by micro-credential", "Revenue by member type", "Claim rate");
        assertNoAccessibilityViolations();

        // The seeded records are in 2025; the default period (the last twelve months) does not reach them.
        JavascriptExecutor js = (JavascriptExecutor) browser;
        js.executeScript("document.getElementById('report-from').value = '2025-01-01';"
                + "document.getElementById('report-to').value = '2025-06-30';");
        click("Show");
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> d.getCurrentUrl().contains("from=2025-01-01"));
        waitForText("Showing 2025-01-01 to 2025-06-30");

        assertThat(browser.findElements(By.cssSelector("svg.chart"))).hasSize(ReportKind.values().length);
        assertThat(find(By.cssSelector("#report-awards svg title")).getAttribute("textContent")).isEqualTo("Awards per month by micro-credential");
        assertThat(find(By.id("table-revenue-by-month")).getText()).contains("2025-02 USD 1 10.00 0 0.00 10.00");
        assertThat(find(By.id("table-funnel")).getText()).contains(ReportsDataSet.ASSESSED + " 12 3 2 1 75.0 % 33.3 % 50.0 %");
        assertThat(find(By.id("csv-claims")).getAttribute("href")).endsWith("/reports/claims.csv?from=2025-01-01&to=2025-06-30");
        screenshot("reports-first-half-of-2025");
        assertNoAccessibilityViolations();
    }

    @SuppressWarnings("unchecked")
    private void assertNoAccessibilityViolations() {
        String axe;
        try (var in = getClass().getResourceAsStream("/axe/axe.min.js")) {
            axe = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        JavascriptExecutor js = (JavascriptExecutor) browser;
        js.executeScript(axe);
        browser.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
        Object violations = js.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']}})
                   .then(r => done(r.violations.filter(v => v.impact === 'serious' || v.impact === 'critical' || v.impact === 'moderate')
                       .map(v => v.id + ': ' + v.help + ' — ' + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(', '))))
                   .catch(e => done(['axe failed: ' + e]));""");
        assertThat((List<Object>) violations).as("axe-core violations on " + browser.getCurrentUrl()).isEmpty();
    }
}
