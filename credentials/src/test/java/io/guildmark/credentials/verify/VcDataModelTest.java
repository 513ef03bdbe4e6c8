package io.guildmark.credentials.verify;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import org.junit.jupiter.api.Test;

/** The VC data model's shape rules, on examples written like the W3C VC Data Model 2.0 suite's inputs. */
class VcDataModelTest {

    private static final String BASE = """
            "@context": ["https://www.w3.org/ns/credentials/v2"], "type": ["VerifiableCredential"],
            "issuer": "did:example:issuer", "credentialSubject": {"id": "did:example:subject"}""";

    @Test
    void aMinimalCredentialHasNoProblems() {
        assertThat(VcDataModel.credentialProblems(json("{" + BASE + "}"))).isEmpty();
    }

    @Test
    void anIssuerThatIsNotAUrlIsAProblem() {
        assertThat(VcDataModel.credentialProblems(json(("{" + BASE + "}").replace("did:example:issuer", "fake-issuer"))))
                .anyMatch(p -> p.contains("issuer"));
    }

    @Test
    void aCredentialThatEndsBeforeItStartsIsAProblem() {
        assertThat(VcDataModel.credentialProblems(json("{" + BASE
                + ", \"validFrom\": \"2026-01-02T00:00:00Z\", \"validUntil\": \"2026-01-01T00:00:00Z\"}")))
                .anyMatch(p -> p.contains("validUntil is before"));
    }

    @Test
    void aDateWithoutATimeZoneIsAProblem() {
        assertThat(VcDataModel.credentialProblems(json("{" + BASE + ", \"validFrom\": \"2026-01-02T00:00:00\"}"))).hasSize(1);
    }

    @Test
    void aNameWithAnUnknownMemberIsAProblem() {
        assertThat(VcDataModel.credentialProblems(json("{" + BASE
                + ", \"name\": {\"@value\": \"Name\", \"@language\": \"en\", \"extra\": \"x\"}}"))).hasSize(1);
        assertThat(VcDataModel.credentialProblems(json("{" + BASE
                + ", \"name\": [{\"@value\": \"Name\", \"@language\": \"en\", \"@direction\": \"ltr\"}]}"))).isEmpty();
    }

    @Test
    void aStatusWithoutATypeOrWithTwoIdsIsAProblem() {
        assertThat(VcDataModel.credentialProblems(json("{" + BASE + ", \"credentialStatus\": {\"id\": \"did:example:s\"}}"))).hasSize(1);
        assertThat(VcDataModel.credentialProblems(json("{" + BASE
                + ", \"credentialStatus\": {\"id\": [\"did:example:1\", \"did:example:2\"], \"type\": \"X\"}}"))).hasSize(1);
    }

    @Test
    void aPresentationMayNotCarryACredentialAsAString() {
        assertThat(VcDataModel.presentationProblems(json("""
                {"@context": ["https://www.w3.org/ns/credentials/v2"], "type": ["VerifiablePresentation"],
                 "verifiableCredential": ["eyJ.a.b"]}"""))).hasSize(1);
    }

    private static JsonObject json(String text) {
        try (var reader = Json.createReader(new StringReader(text))) {
            return reader.readObject();
        }
    }
}
