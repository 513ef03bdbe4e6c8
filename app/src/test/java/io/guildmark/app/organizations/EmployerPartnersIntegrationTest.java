package io.guildmark.app.organizations;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import io.guildmark.app.catalog.CatalogFixture;
import io.guildmark.app.credits.CreditsFixture;
import io.guildmark.app.support.Api;
import io.guildmark.app.support.EarningWorld;
import io.guildmark.app.support.IntegrationTest;
import io.guildmark.app.support.Mailbox;
import io.guildmark.app.support.WebSession;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/** Employers are organizations of their own that join an association's program by invitation. */
class EmployerPartnersIntegrationTest extends IntegrationTest {

    @Autowired ApplicationContext context;

    CreditsFixture fixture;
    CreditsFixture.Association association;
    CreditsFixture.Association employer;

    @BeforeEach
    void organizations() {
        fixture = new CreditsFixture(context, admin(), baseUrl());
        association = fixture.association("partners");
        employer = fixture.employer("acme");
    }

    Api as(CreditsFixture.Association org) {
        return api().withToken(org.apiKey());
    }

    String partners(CreditsFixture.Association org) {
        return "/api/v1/organizations/" + org.slug() + "/partners";
    }

    @Test
    void anAssociationAtItsPartnerCapAndAnEmployerAtItsProgramCapGetAClearConflictAndNothingChanges() {
        Partnerships partnerships = org.springframework.test.util.AopTestUtils.getTargetObject(context.getBean(Partnerships.class));
        CreditsFixture.Association second = fixture.employer("acme-two");
        CreditsFixture.Association otherAssociation = fixture.association("partners-two");
        int before = partnerships.limitPartners(1);
        try {
            // The association holds one place (an invitation): a second invitation is refused whole.
            assertThat(as(association).post(partners(association), Map.of("employer", employer.slug())).status()).isEqualTo(201);
            Api.Response full = as(association).post(partners(association), Map.of("employer", second.slug()));
            assertThat(full.status()).isEqualTo(409);
            assertThat(full.json().get("code").asText()).isEqualTo("too-many-partners");
            assertThat(full.json().get("detail").asText()).contains("already has 1 partners");
            assertThat(as(second).get(partners(second)).json().get("total").asLong()).isZero();

            // The employer takes part in one program: accepting a second invitation is refused, the invitation stays open.
            String first = as(employer).get(partners(employer) + "?state=invited").json().get("items").get(0).get("id").asText();
            assertThat(as(employer).post(partners(employer) + "/" + first + "/accept", Map.of()).status()).isEqualTo(200);
            assertThat(as(otherAssociation).post(partners(otherAssociation), Map.of("employer", employer.slug())).status()).isEqualTo(201);
            String another = as(employer).get(partners(employer) + "?state=invited").json().get("items").get(0).get("id").asText();
            Api.Response busy = as(employer).post(partners(employer) + "/" + another + "/accept", Map.of());
            assertThat(busy.status()).isEqualTo(409);
            assertThat(busy.json().get("code").asText()).isEqualTo("too-many-programs");
            assertThat(as(employer).get(partners(employer) + "?state=invited").json().get("total").asLong()).isEqualTo(1);
            assertThat(as(employer).get(partners(employer) + "?state=active").json().get("total").asLong()).isEqualTo(1);
        } finally {
            partnerships.limitPartners(before);
        }
    }

    @Test
    void anInvitedEmployerThatAcceptsIsShownAsAPartnerOnTheAssociationsPublicPages() {
        Api.Response invited = as(association).post(partners(association), Map.of("employer", employer.slug(), "message", "Help us design"));
        assertThat(invited.status()).isEqualTo(201);
        assertThat(invited.json().get("state").asText()).isEqualTo("invited");
        Mailbox.await(employer.owner().email(), "invites");
        assertThat(api().get("/issuers/" + association.slug(), "text/html").body()).doesNotContain("employer-partners");

        Api.Response pending = as(employer).get(partners(employer) + "?state=invited");
        assertThat(pending.json().get("total").asLong()).isEqualTo(1);
        String id = pending.json().get("items").get(0).get("id").asText();
        assertThat(as(employer).post(partners(employer) + "/" + id + "/accept", Map.of()).json().get("state").asText()).isEqualTo("active");

        assertThat(api().get("/issuers/" + association.slug(), "text/html").body()).contains("employer-partners", employer.slug());
        assertThat(api().get("/issuers/" + employer.slug(), "text/html").body()).contains("Partner of", association.slug());
        assertThat(api().get("/catalog?organization=" + association.slug(), "text/html").body()).contains("catalog-partners", employer.slug());

        // Either side may end it; the public page no longer names the employer.
        assertThat(as(employer).post(partners(employer) + "/" + id + "/end", Map.of()).json().get("state").asText()).isEqualTo("ended");
        assertThat(api().get("/issuers/" + association.slug(), "text/html").body()).doesNotContain("employer-partners");
        assertThat(db.sql("select count(*) from audit_entries where organization_id = ? and action like 'partner.%'")
                .param(association.id()).query(Long.class).single()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void invitationsNameARealEmployerOnceAndOnlyTheInvitedEmployerAnswers() {
        CreditsFixture.Association otherAssociation = fixture.association("others");
        assertThat(as(association).post(partners(association), Map.of("employer", otherAssociation.slug())).status()).isEqualTo(400);
        assertThat(as(association).post(partners(association), Map.of("employer", "no-such-employer")).status()).isEqualTo(400);
        assertThat(as(association).post(partners(association), Map.of()).status()).isEqualTo(400);
        assertThat(as(association).post(partners(association), Map.of("employer", employer.slug(), "message", "x".repeat(1001))).status())
                .isEqualTo(400);
        Api.Response invited = as(association).post(partners(association), Map.of("employer", employer.slug()));
        assertThat(as(association).post(partners(association), Map.of("employer", employer.slug())).status()).isEqualTo(409);
        String id = invited.json().get("id").asText();

        // The association cannot accept its own invitation, another organization cannot see or answer it.
        assertThat(as(association).post(partners(association) + "/" + id + "/accept", Map.of()).status()).isEqualTo(404);
        assertThat(as(otherAssociation).post(partners(otherAssociation) + "/" + id + "/accept", Map.of()).status()).isEqualTo(404);
        assertThat(as(otherAssociation).get(partners(association)).status()).isEqualTo(404);
        assertThat(as(otherAssociation).get(partners(otherAssociation)).json().get("total").asLong()).isZero();

        // An employer does not invite partners; declining lets the association invite again later.
        assertThat(as(employer).post(partners(employer), Map.of("employer", employer.slug())).status()).isEqualTo(403);
        assertThat(as(employer).post(partners(employer) + "/" + id + "/decline", Map.of()).json().get("state").asText()).isEqualTo("declined");
        assertThat(as(employer).post(partners(employer) + "/" + id + "/accept", Map.of()).status()).isEqualTo(409);
        assertThat(as(association).post(partners(association), Map.of("employer", employer.slug())).status()).isEqualTo(201);
        assertThat(as(association).get(partners(association) + "?state=nonsense").status()).isEqualTo(400);
    }

    @Test
    void anEmployerDoesNotDesignOrIssueAndItsTabsSayWhatItDoes() {
        Api.Response design = as(employer).post("/api/v1/organizations/" + employer.slug() + "/achievements", CatalogFixture.apiBody("Forklift"));
        assertThat(design.status()).isEqualTo(403);
        assertThat(design.body()).contains("employer");
        assertThat(as(employer).get("/api/v1/organizations/" + employer.slug()).json().get("kind").asText()).isEqualTo("employer");

        WebSession owner = new WebSession(baseUrl());
        owner.signIn(employer.owner().email(), EarningWorld.PASSWORD);
        String page = owner.get("/organizations/" + employer.slug() + "/partners").body();
        assertThat(page).contains("Programs you take part in").doesNotContain("Invite an employer", ">Micro-credentials<");
        WebSession associationOwner = new WebSession(baseUrl());
        associationOwner.signIn(association.owner().email(), EarningWorld.PASSWORD);
        String invitePage = associationOwner.get("/organizations/" + association.slug() + "/partners").body();
        assertThat(invitePage).contains("Invite an employer");
        String after = associationOwner.submit("/organizations/" + association.slug() + "/partners",
                "/organizations/" + association.slug() + "/partners", "employer", employer.slug(), "message", "Join us").body();
        assertThat(after).contains("is invited");
        String answered = owner.submit("/organizations/" + employer.slug() + "/partners",
                "/organizations/" + employer.slug() + "/partners/" + as(employer).get(partners(employer)).json().get("items").get(0).get("id").asText()
                        + "/accept").body();
        assertThat(answered).contains("You are now a partner of");
        assertThat(owner.get("/organizations/" + association.slug() + "/partners").status()).isEqualTo(404);
    }
}
