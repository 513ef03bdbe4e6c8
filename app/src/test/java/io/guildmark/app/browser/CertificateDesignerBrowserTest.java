package io.guildmark.app.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import io.guildmark.app.support.BrowserTest;
import io.guildmark.app.support.EarningWorld;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/** The certificate designer's preview follows the form as the owner changes it, before anything is saved. */
class CertificateDesignerBrowserTest extends BrowserTest {

    @Autowired ApplicationContext context;

    @Test
    void thePreviewIsRedrawnAsTheOwnerChangesTheLayoutAndABadColourIsExplainedThere() {
        EarningWorld world = new EarningWorld(context, admin(), baseUrl());
        EarningWorld.Program program = world.program("browsercertificate", EarningWorld.onlyDemonstration());
        signInAnew(program.owner().email(), EarningWorld.PASSWORD);
        open("/organizations/" + program.slug() + "/certificate");
        waitForText("Certificate design");
        String before = find(By.id("certificate-preview")).getAttribute("src");
        assertThat(ratio()).as("classic is landscape").isGreaterThan(1);

        find(By.cssSelector("input[name=layout][value=modern]")).click();
        new WebDriverWait(browser, Duration.ofSeconds(20)).until(d -> !before.equals(d.findElement(By.id("certificate-preview")).getAttribute("src")));
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> ratio() > 0 && ratio() < 1);

        type("primaryColor", "crimson");
        find(By.id("accentColor")).click(); // leaving the field fires its change
        waitForText("Enter a colour as # and six hexadecimal digits");
        assertThat(db.sql("select count(*) from certificate_designs d join organizations o on o.id = d.organization_id where o.slug = ?")
                .param(program.slug()).query(Long.class).single()).as("nothing saved").isZero();
    }

    /** Width over height of the preview image as the browser decoded it (0 while it is not loaded). */
    private double ratio() {
        Object r = ((JavascriptExecutor) browser).executeScript(
                "const i = document.getElementById('certificate-preview'); return i && i.complete && i.naturalHeight ? i.naturalWidth / i.naturalHeight : 0;");
        return ((Number) r).doubleValue();
    }
}
