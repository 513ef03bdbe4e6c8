package io.guildmark.app.credits;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.guildmark.app.support.SignedInClient;
import io.guildmark.app.support.Api;
import io.guildmark.app.support.EarningWorld;
import io.guildmark.app.support.IntegrationTest;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import tools.jackson.databind.JsonNode;

class ClrExportIntegrationTest extends IntegrationTest {

    @Autowired ApplicationContext context;
    @Autowired ExternalCredits external;
    @Autowired CreditCategories categories;

    CreditsFixture credits;

    @BeforeEach
    void fixture() {
        credits = new CreditsFixture(context, admin(), baseUrl());
    }

    /** A holder with a certification, two credit-bearing credentials and approved and rejected external credits. */
    record Transcript(CreditsFixture.Association association, EarningWorld.Person holder) {}

    Transcript transcript(String stem) {
        var association = credits.association(stem);
        UUID certification = credits.microCredential(association, "Certified " + stem + " auditor", null, null, null);
        credits.credentialRule(association, "Certified " + stem + " auditor", "CPE", "40", 2, "ethics=4", certification);
        UUID ethics = credits.microCredential(association, "Audit ethics", "4", "CPE", null);
        categories.set(association.owner().actor(), association.slug(), ethics, "ethics");
        UUID sampling = credits.microCredential(association, "Statistical sampling", "8", "CPE", null);
        var holder = credits.world.person("Tara Transcript", null);
        credits.award(association, certification, holder, LocalDate.of(2024, 1, 15));
        credits.award(association, ethics, holder, LocalDate.of(2024, 6, 1));
        credits.award(association, sampling, holder, LocalDate.of(2024, 9, 1));
        var approved = credits.report(association, holder, "Annual audit conference", LocalDate.of(2024, 10, 10), "12.5", "CPE", null);
        external.approve(association.owner().actor(), association.slug(), approved.id());
        var rejected = credits.report(association, holder, "Unrelated webinar", LocalDate.of(2024, 11, 1), "3", "CPE", null);
        external.reject(association.owner().actor(), association.slug(), rejected.id(), "Not about auditing.");
        return new Transcript(association, holder);
    }

    @Test
    void theTranscriptIsASignedClrCredentialThatVerifiesAndFailsOnceAltered() throws Exception {
        var t = transcript("clr");
        SignedInClient.Download clr = download(t.holder(), "/credits/transcript.clr.json?organization=" + t.association().slug());
        assertThat(clr.status()).isEqualTo(200);
        assertThat(clr.contentType()).startsWith("application/vc+ld+json");
        JsonNode json = Api.JSON.readTree(clr.body());
        assertThat(texts(json.get("@context"))).containsExactly("https://www.w3.org/ns/credentials/v2",
                "https://purl.imsglobal.org/spec/clr/v2p0/context.json", "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json");
        assertThat(texts(json.get("type"))).containsExactly("VerifiableCredential", "ClrCredential");
        JsonNode subject = json.get("credentialSubject");
        assertThat(texts(subject.get("type"))).containsExactly("ClrSubject");
        assertThat(subject.get("verifiableCredential")).hasSize(3);
        List<String> credited = new ArrayList<>();
        subject.get("verifiableCredential").forEach(vc -> {
            JsonNode earned = vc.get("credentialSubject").get("creditsEarned");
            if (earned != null) credited.add(vc.get("credentialSubject").get("achievement").get("name").asText() + "=" + earned.asDouble());
        });
        assertThat(credited).containsExactlyInAnyOrder("Audit ethics=4.0", "Statistical sampling=8.0");
        assertThat(subject.get("achievement")).singleElement().satisfies(a -> {
            assertThat(a.get("name").asText()).isEqualTo("Annual audit conference");
            assertThat(a.get("creditsAvailable").asDouble()).isEqualTo(12.5);
        });
        assertThat(subject.get("association")).hasSize(2).allSatisfy(a -> assertThat(a.get("associationType").asText()).isEqualTo("isRelatedTo"));
        assertThat(json.get("proof").get(0).get("cryptosuite").asText()).isEqualTo("eddsa-rdfc-2022");

        Api.Response verified = api().post("/api/v1/verify", clr.body().getBytes(StandardCharsets.UTF_8), "application/vc+ld+json");
        assertThat(verified.json().get("verified").asBoolean()).as(verified.body()).isTrue();
        assertThat(check(verified, "proof")).isEqualTo("VALID");
        assertThat(check(verified, "schema")).isEqualTo("NOT_APPLICABLE");

        String altered = clr.body().replace("\"creditsAvailable\":12.5", "\"creditsAvailable\":125");
        assertThat(altered).isNotEqualTo(clr.body());
        Api.Response tampered = api().post("/api/v1/verify", altered.getBytes(StandardCharsets.UTF_8), "application/vc+ld+json");
        assertThat(tampered.json().get("verified").asBoolean()).isFalse();
        assertThat(check(tampered, "proof")).isEqualTo("INVALID_SIGNATURE");
    }

    @Test
    void thePdfTranscriptListsStandingAndEntries() throws Exception {
        var t = transcript("pdf");
        SignedInClient.Download pdf = download(t.holder(), "/credits/transcript.pdf?organization=" + t.association().slug());
        assertThat(pdf.status()).isEqualTo(200);
        assertThat(pdf.contentType()).isEqualTo("application/pdf");
        String text;
        try (var doc = Loader.loadPDF(pdf.bytes())) {
            text = new PDFTextStripper().getText(doc);
        }
        assertThat(text).contains("Credit transcript").contains("Tara Transcript").contains("Certified pdf auditor")
                .contains("Annual audit conference").contains("approved").contains("Unrelated webinar").contains("rejected")
                .contains("ethics: 4 of 4");
    }

    @Test
    void aTranscriptOfAnOrganizationOutsideTheLedgerIsNotFound() {
        var t = transcript("clrprivacy");
        var stranger = credits.world.person("Stella Stranger", null);
        assertThat(download(stranger, "/credits/transcript.clr.json?organization=" + t.association().slug()).status()).isEqualTo(404);
        assertThat(download(stranger, "/credits/transcript.pdf?organization=" + t.association().slug()).status()).isEqualTo(404);
    }

    SignedInClient.Download download(EarningWorld.Person person, String path) {
        return new SignedInClient(baseUrl(), person.email(), EarningWorld.PASSWORD).get(path);
    }

    private static List<String> texts(JsonNode node) {
        List<String> result = new ArrayList<>();
        if (node.isArray()) node.forEach(n -> result.add(n.asText()));
        else result.add(node.asText());
        return result;
    }

    private static String check(Api.Response response, String name) {
        for (JsonNode c : response.json().get("checks")) {
            if (c.get("check").asText().equals(name)) return c.get("code").asText();
        }
        throw new AssertionError("No check " + name + " in " + response.body());
    }
}
