package io.guildmark.app.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.UUID;

import io.guildmark.app.accounts.Accounts;
import io.guildmark.app.credits.CreditsFixture;
import io.guildmark.app.credits.ExternalCredits;
import io.guildmark.app.credits.RenewalRules;
import io.guildmark.app.issuing.Award;
import io.guildmark.app.issuing.Awards;
import io.guildmark.app.support.Api;
import io.guildmark.app.support.EarningWorld;
import io.guildmark.app.support.IntegrationTest;
import io.guildmark.app.support.WebSession;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * Finding: "Any self-registered user can make any organization sign text of their choosing." Tracking an
 * organization's licence rule (or filing a pending external-credit report) put it in the user's ledger, and the CLR
 * transcript endpoint then signed, with that organization's key, a credential naming the user by their free-text
 * display name, with no status, recorded nowhere. Now a transcript holds only what the organization decided (its awards
 * to the person, credits its staff approved), is refused when there is none, carries a status list entry, is recorded
 * and listed for staff, who can revoke it; and names in signed credentials do not follow later account renames.
 */
class OrganizationSignsOnlyWhatItDecidedIntegrationTest extends IntegrationTest {

    @Autowired ApplicationContext context;
    @Autowired RenewalRules rules;
    @Autowired ExternalCredits external;
    @Autowired Awards awards;
    @Autowired Accounts accounts;

    CreditsFixture credits;

    @BeforeEach
    void fixture() {
        credits = new CreditsFixture(context, admin(), baseUrl());
    }

    private WebSession signedIn(EarningWorld.Person person) {
        WebSession web = new WebSession(baseUrl());
        web.signIn(person.email(), EarningWorld.PASSWORD);
        return web;
    }

    @Test
    void aStrangerWhoOnlyTracksALicenceAndFilesAPendingReportGetsNoSignedTranscript() {
        var association = credits.association("strangers");
        RenewalRules.Rule licence = credits.licenseRule(association, "Licensed auditor", "CPE", "40", 2, "");
        var stranger = credits.world.person("Trusted By The Association Ltd", null);
        rules.trackLicense(stranger.actor(), licence.id(), "2025-01-01");
        credits.report(association, stranger, "A course I say I took", LocalDate.of(2025, 3, 1), "40", "CPE", null);
        long recorded = count("clr_transcripts");

        WebSession strangerWeb = signedIn(stranger);
        assertThat(strangerWeb.get("/credits").body()).as("no signed transcript is offered")
                .doesNotContain("transcript.clr.json?organization=" + association.slug());
        WebSession.Page clr = strangerWeb.get("/credits/transcript.clr.json?organization=" + association.slug());

        assertThat(clr.status()).isEqualTo(409);
        assertThat(clr.body()).contains("no transcript").doesNotContain("\"proof\"").doesNotContain("ClrCredential");
        assertThat(count("clr_transcripts")).as("nothing signed, nothing recorded").isEqualTo(recorded);
    }

    @Test
    void aTranscriptHoldsOnlyTheOrganizationsAwardsAndApprovedCreditsIsRecordedAndStaffCanRevokeIt() throws Exception {
        var association = credits.association("transcripts");
        UUID ethics = credits.microCredential(association, "Audit ethics", "4", "CPE", null);
        credits.licenseRule(association, "Licensed auditor", "CPE", "40", 2, "");
        var holder = credits.world.person("Tara Transcript", null);
        Award award = credits.award(association, ethics, holder, LocalDate.of(2025, 6, 1));
        var approved = credits.report(association, holder, "Annual audit conference", LocalDate.of(2025, 10, 10), "12", "CPE", null);
        external.approve(association.owner().actor(), association.slug(), approved.id());
        credits.report(association, holder, "Still pending", LocalDate.of(2025, 11, 1), "30", "CPE", null);
        // The holder renames their account to text of their choosing after the award was made.
        accounts.rename(holder.id(), "Grand Master of Everything");

        WebSession holderWeb = signedIn(holder);
        assertThat(holderWeb.get("/credits").body()).contains("transcript.clr.json?organization=" + association.slug());
        WebSession.Page clr = holderWeb.get("/credits/transcript.clr.json?organization=" + association.slug());
        assertThat(clr.status()).as(clr.body()).isEqualTo(200);
        JsonNode json = Api.JSON.readTree(clr.body());
        assertThat(json.get("name").asText()).contains("Tara Transcript").doesNotContain("Grand Master");
        assertThat(json.get("description").asText()).doesNotContain("Grand Master");
        JsonNode subject = json.get("credentialSubject");
        assertThat(subject.get("verifiableCredential")).hasSize(1);
        assertThat(subject.get("achievement")).singleElement()
                .satisfies(a -> assertThat(a.get("name").asText()).isEqualTo("Annual audit conference"));
        JsonNode status = json.get("credentialStatus");
        assertThat(status).as("the transcript can be revoked").isNotNull();
        assertThat(status.get("type").asText()).isEqualTo("BitstringStatusListEntry");

        String id = json.get("id").asText().substring("urn:uuid:".length());
        var row = db.sql("select holder_email, holder_name, award_ids, external_credit_ids, credential, state from clr_transcripts where id = ?")
                .param(UUID.fromString(id)).query((rs, n) -> new String[] {rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6)}).single();
        assertThat(row[0]).isEqualTo(holder.email());
        assertThat(row[1]).isEqualTo("Tara Transcript");
        assertThat(row[2]).isEqualTo(award.id().toString());
        assertThat(row[3]).isEqualTo(approved.id().toString());
        assertThat(row[4]).isEqualTo(clr.body());
        assertThat(row[5]).isEqualTo("active");

        Api.Response verified = api().post("/api/v1/verify", clr.body().getBytes(StandardCharsets.UTF_8), "application/vc+ld+json");
        assertThat(verified.json().get("verified").asBoolean()).as(verified.body()).isTrue();

        WebSession staff = signedIn(association.owner());
        String page = "/organizations/" + association.slug() + "/credits";
        assertThat(staff.get(page).body()).contains("Signed transcripts (1)").contains("Tara Transcript").contains(holder.email());
        WebSession.Page revoked = staff.submit(page, page + "/transcripts/" + id + "/revoke", "reason", "Issued in error");
        assertThat(revoked.body()).contains("Revoked the transcript of Tara Transcript");
        assertThat(db.sql("select state from clr_transcripts where id = ?").param(UUID.fromString(id)).query(String.class).single())
                .isEqualTo("revoked");

        Api.Response after = api().post("/api/v1/verify", clr.body().getBytes(StandardCharsets.UTF_8), "application/vc+ld+json");
        assertThat(after.json().get("verified").asBoolean()).isFalse();
        assertThat(after.json().get("verdict").asText()).isEqualTo("revoked");
    }

    @Test
    void aHolderCannotRevokeTheirTranscriptAndAnotherOrganizationsStaffCannotReachIt() {
        var association = credits.association("transcriptsacl");
        UUID ethics = credits.microCredential(association, "Audit ethics", "4", "CPE", null);
        var holder = credits.world.person("Hal Holder", null);
        credits.award(association, ethics, holder, LocalDate.of(2025, 6, 1));
        WebSession.Page clr = signedIn(holder).get("/credits/transcript.clr.json?organization=" + association.slug());
        String id = Api.JSON.readTree(clr.body()).get("id").asText().substring("urn:uuid:".length());

        var other = credits.association("othertranscripts");
        WebSession otherStaff = signedIn(other.owner());
        String otherPage = "/organizations/" + other.slug() + "/credits";
        otherStaff.submit(otherPage, otherPage + "/transcripts/" + id + "/revoke", "reason", "Not ours");
        otherStaff.submit(otherPage, "/organizations/" + association.slug() + "/credits/transcripts/" + id + "/revoke", "reason", "Not ours");
        assertThat(otherStaff.get("/organizations/" + association.slug() + "/credits").body()).doesNotContain("Hal Holder");
        assertThat(db.sql("select state from clr_transcripts where id = ?").param(UUID.fromString(id)).query(String.class).single())
                .isEqualTo("active");
    }

    @Test
    void renamingTheAccountAfterIssueChangesNoSignedCredential() throws Exception {
        var association = credits.association("renames");
        UUID ethics = credits.microCredential(association, "Audit ethics", "4", "CPE", null);
        var holder = credits.world.person("Rita Renamed", null);
        Award award = credits.award(association, ethics, holder, LocalDate.of(2025, 6, 1));
        String signed = awards.signedCredential(award.id()).orElseThrow();

        accounts.rename(holder.id(), "Somebody Else Entirely");

        // The VC-JWT is signed lazily, on first request: after the rename here. It carries the name as awarded.
        String jwt = api().get("/credentials/" + award.id() + "/credential.jwt").body();
        String payload = new String(java.util.Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8);
        assertThat(payload).contains("Rita Renamed").doesNotContain("Somebody Else");
        assertThat(awards.signedCredential(award.id()).orElseThrow()).isEqualTo(signed);
        assertThat(api().get("/credentials/" + award.id() + ".pdf").status()).as("private until accepted").isEqualTo(404);
        io.guildmark.app.support.Holders.acceptAndMakePublic(context, award.id());
        Api.Response pdf = api().get("/credentials/" + award.id() + ".pdf");
        byte[] pdfBytes = new WebSessionBytes(baseUrl()).get("/credentials/" + award.id() + ".pdf");
        try (var doc = Loader.loadPDF(pdfBytes)) {
            assertThat(new PDFTextStripper().getText(doc)).contains("Rita Renamed").doesNotContain("Somebody Else");
        }
        assertThat(pdf.status()).isEqualTo(200);
        byte[] png = new WebSessionBytes(baseUrl()).get("/credentials/" + award.id() + ".png");
        Api.Response fromPng = api().post("/api/v1/verify", png, "image/png");
        assertThat(fromPng.json().get("details").get("recipientName").asText()).isEqualTo("Rita Renamed");
        WebSession.Page clr = signedIn(holder).get("/credits/transcript.clr.json?organization=" + association.slug());
        assertThat(clr.body()).contains("Rita Renamed").doesNotContain("Somebody Else");
    }

    /** Binary downloads, which {@link Api} reads as text. */
    private record WebSessionBytes(String base) {
        byte[] get(String path) throws Exception {
            var http = java.net.http.HttpClient.newHttpClient();
            return http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + path)).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofByteArray()).body();
        }
    }
}
