package io.guildmark.app.talent;

import static org.assertj.core.api.Assertions.assertThat;

import io.guildmark.app.support.BrowserTest;
import io.guildmark.app.support.EarningWorld;
import io.guildmark.app.support.Mailbox;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/** An employer partner finds the learner who chose to be findable (and not the one who did not), writes, and she reads it. */
class TalentBrowserTest extends BrowserTest {

    @Autowired ApplicationContext context;

    @Test
    void anEmployerFindsALearnerWhoOptedInButNotOneWhoDidNotAndWritesToHer() {
        TalentWorld world = new TalentWorld(context, admin(), baseUrl(), "talent-browser");
        TalentWorld.Learner lena = world.learner("Lena Visible", world.association, world.foodSafety);
        world.learner("Nils Hidden", world.association, world.foodSafety);

        signInAnew(lena.person().email(), EarningWorld.PASSWORD);
        open("/account/talent");
        waitForText("Findable by employer partners of");
        find(By.id("findable-" + world.association.slug())).click();
        find(By.cssSelector("input[name='awardId'][value='" + lena.badge(0).id() + "']")).click();
        type("location-" + world.association.slug(), "Lyon, France");
        click("Save");
        waitForText("can now find you");
        screenshot("talent-opted-in");

        signInAnew(world.employer.owner().email(), EarningWorld.PASSWORD);
        open("/organizations/" + world.employer.slug());
        click("Talent");
        waitForText("Find verified talent");
        type("talent-competency", "food safety");
        click("Search");
        waitForText("Lena Visible");
        assertThat(pageText()).contains("Food Safety Handling", "verified", "Lyon, France").doesNotContain("Nils Hidden", lena.person().email());
        screenshot("talent-search");
        find(By.cssSelector("article.candidate summary")).click();
        find(By.cssSelector("article.candidate textarea")).sendKeys("We are hiring a kitchen lead in Lyon. Interested?");
        click("Send");
        waitForText("Your message is sent");

        Mailbox.await(lena.person().email(), "wrote to you");
        signInAnew(lena.person().email(), EarningWorld.PASSWORD);
        open("/account/talent/messages");
        find(By.cssSelector("#conversations a")).click();
        waitForText("We are hiring a kitchen lead in Lyon. Interested?");
        type("reply-body", "Yes, tell me more.");
        click("Send reply");
        waitForText("Your reply is sent");
        open("/account/talent");
        waitForText("searched for 'food safety' and saw your profile");
        screenshot("talent-learner-log");
    }
}
