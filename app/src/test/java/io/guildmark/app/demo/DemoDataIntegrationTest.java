package io.guildmark.app.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.guildmark.app.support.IntegrationTest;
import io.guildmark.app.support.WebSession;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/** The demo association a newcomer clicks through: seeded once, every micro-credential earnable online. */
class DemoDataIntegrationTest extends IntegrationTest {

    @Autowired DemoData demoData;
    @Autowired TransactionTemplate transaction;

    @Test
    void theDemoAssociationOffersEveryMicroCredentialOnlineAndTheLearnerIsPartWayIntoTwoAndAlongAPathway() {
        String[] passwords = {"staff-pass-0001", "reviewer-pass-01", "learner-pass-001", "employer-pass-01"};
        transaction.executeWithoutResult(status -> demoData.seed(passwords));

        assertThat(db.sql("select count(*) from achievements a join organizations o on o.id = a.organization_id where o.slug = 'cascadia-pm' and a.status = 'published'")
                .query(Long.class).single()).as("six micro-credentials and the certificate they stack into").isEqualTo(7);
        assertThat(db.sql("select count(distinct d.achievement_id) from earning_designs d join organizations o on o.id = d.organization_id where o.slug = 'cascadia-pm'")
                .query(Long.class).single()).isEqualTo(6);

        WebSession learner = new WebSession(baseUrl());
        learner.signIn("learner@cascadia-pm.example", passwords[2]);
        var learning = learner.get("/learning");
        assertThat(learning.body()).contains("Ethical Decision-Making in Projects", "Earned Value Fundamentals");
        assertThat(learning.body()).doesNotContain("Payment of");
        assertThat(learner.get("/wallet").body()).contains("Stakeholder Communication Planning", "Risk Register Management");

        assertThat(learner.get("/pathways/mine").body()).contains("Certificate in Project Practice");

        WebSession reviewer = new WebSession(baseUrl());
        reviewer.signIn("reviewer@cascadia-pm.example", passwords[1]);
        assertThat(reviewer.get("/reviews").body()).contains("Ethical Decision-Making in Projects").doesNotContain("Jordan Alvarez");

        // The demo employer is an employer organization and an active partner of the association.
        assertThat(new WebSession(baseUrl()).get("/issuers/cascadia-pm", "text/html").body()).contains("employer-partners", "Harbor Engineering Group");
    }
}
