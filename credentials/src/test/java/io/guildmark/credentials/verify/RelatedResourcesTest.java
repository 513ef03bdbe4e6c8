package io.guildmark.credentials.verify;

import static org.assertj.core.api.Assertions.assertThat;

import io.guildmark.credentials.did.DocumentFetcher;
import io.guildmark.credentials.proof.Multibase;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The digests of a credential's related resources, with the W3C VC Data Model 2.0 suite's own values. */
class RelatedResourcesTest {

    /** The suite's fixture: the base context, with the digests of the revision the VCDM 2.0 Recommendation names. */
    private static final String V2 = "https://www.w3.org/ns/credentials/v2";
    private static final String SUITE_SRI = "sha384-NSOcNpmdIVUxIJGvGUoe22FjTWrXiaXlsZ8q6912LdnR3KraQO2n75Ica4wK4Qeg";
    private static final String SUITE_MULTIBASE = "uJKGMkOmFbVJhEfKTduMC2XCyvRAYLjOVmZWwIH1wQ7k";
    /** The suite's wrong digests (its negative test). */
    private static final String WRONG_SRI = "sha384-_rCVIV7fSXXTNIvpiq26jRDyj8JG8TDjij-tD0ewLk4JpnXEz6a5AeeY_1qQ0d0P";
    private static final String WRONG_MULTIBASE = "uM4RgWQc3RUDtjJCSgTJtTfvpZ7SPEg_LNO0ESlovQC0";

    private static final URI IMAGE = URI.create("https://issuer.example/images/badge.png");
    private static final byte[] IMAGE_BYTES = "not really a PNG".getBytes(StandardCharsets.UTF_8);

    private final RelatedResources offline = new RelatedResources(DocumentFetcher.ofMap(Map.of(IMAGE, IMAGE_BYTES)));

    @Test
    void theSuitesDigestsOfTheBaseContextMatchTheRevisionTheRecommendationNames() {
        assertThat(offline.check(credential(resource(V2, "digestSRI", SUITE_SRI))).outcome()).isEqualTo(RelatedResources.Outcome.MATCHED);
        assertThat(offline.check(credential(resource(V2, "digestMultibase", SUITE_MULTIBASE))).outcome())
                .isEqualTo(RelatedResources.Outcome.MATCHED);
        assertThat(offline.check(credential("{\"id\": \"" + V2 + "\", \"mediaType\": \"application/ld+json\", \"digestSRI\": \""
                + SUITE_SRI + "\", \"digestMultibase\": \"" + SUITE_MULTIBASE + "\"}")).outcome())
                .isEqualTo(RelatedResources.Outcome.MATCHED);
    }

    @Test
    void theSuitesWrongDigestsAreAMismatch() {
        var sri = offline.check(credential(resource(V2, "digestSRI", WRONG_SRI)));
        assertThat(sri.outcome()).isEqualTo(RelatedResources.Outcome.MISMATCH);
        assertThat(sri.message()).contains("digestSRI", V2, "does not match");
        assertThat(offline.check(credential(resource(V2, "digestMultibase", WRONG_MULTIBASE))).outcome())
                .isEqualTo(RelatedResources.Outcome.MISMATCH);
        // One right and one wrong member: the wrong one counts.
        assertThat(offline.check(credential("{\"id\": \"" + V2 + "\", \"digestSRI\": \"" + SUITE_SRI
                + "\", \"digestMultibase\": \"" + WRONG_MULTIBASE + "\"}")).outcome()).isEqualTo(RelatedResources.Outcome.MISMATCH);
    }

    @Test
    void aRetrievedResourceMatchesItsSriAndMultihashDigestsOfEveryAlgorithm() throws Exception {
        for (String algorithm : List.of("SHA-256", "SHA-384", "SHA-512")) {
            byte[] digest = MessageDigest.getInstance(algorithm).digest(IMAGE_BYTES);
            String sri = algorithm.replace("-", "").toLowerCase() + "-" + Base64.getEncoder().encodeToString(digest);
            assertThat(offline.check(credential(resource(IMAGE.toString(), "digestSRI", sri))).outcome())
                    .as(sri).isEqualTo(RelatedResources.Outcome.MATCHED);
            assertThat(offline.check(credential(resource(IMAGE.toString(), "digestMultibase", "u"
                    + Base64.getUrlEncoder().withoutPadding().encodeToString(digest)))).outcome()).isEqualTo(RelatedResources.Outcome.MATCHED);
        }
        byte[] sha256 = MessageDigest.getInstance("SHA-256").digest(IMAGE_BYTES);
        byte[] multihash = new byte[34];
        multihash[0] = 0x12;
        multihash[1] = 0x20;
        System.arraycopy(sha256, 0, multihash, 2, 32);
        assertThat(offline.check(credential(resource(IMAGE.toString(), "digestMultibase", Multibase.encodeBase58Btc(multihash))))
                .outcome()).isEqualTo(RelatedResources.Outcome.MATCHED);
        multihash[10] ^= 1;
        assertThat(offline.check(credential(resource(IMAGE.toString(), "digestMultibase", Multibase.encodeBase58Btc(multihash))))
                .outcome()).isEqualTo(RelatedResources.Outcome.MISMATCH);
    }

    @Test
    void onlyTheStrongestSriAlgorithmGivenCountsAndOneOfItsExpressionsMustMatch() throws Exception {
        String good384 = "sha384-" + Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-384").digest(IMAGE_BYTES));
        String wrong256 = "sha256-" + Base64.getEncoder().encodeToString(new byte[32]);
        String wrong384 = "sha384-" + Base64.getEncoder().encodeToString(new byte[48]);
        assertThat(offline.check(credential(resource(IMAGE.toString(), "digestSRI", wrong256 + " " + wrong384 + " " + good384)))
                .outcome()).isEqualTo(RelatedResources.Outcome.MATCHED);
        assertThat(offline.check(credential(resource(IMAGE.toString(), "digestSRI", good384.replace("sha384-", "sha256-")
                .substring(0, 10) + " " + wrong384))).outcome()).isEqualTo(RelatedResources.Outcome.INVALID);
        assertThat(offline.check(credential(resource(IMAGE.toString(), "digestSRI", "md5-" + Base64.getEncoder()
                .encodeToString(new byte[16])))).outcome()).isEqualTo(RelatedResources.Outcome.INVALID);
    }

    @Test
    void aResourceThatCannotBeRetrievedIsReportedAsUnavailable() {
        var missing = offline.check(credential(resource("https://issuer.example/gone.pdf", "digestSRI",
                "sha256-" + Base64.getEncoder().encodeToString(new byte[32]))));
        assertThat(missing.outcome()).isEqualTo(RelatedResources.Outcome.UNAVAILABLE);
        assertThat(missing.message()).contains("https://issuer.example/gone.pdf", "not found");
        var urn = offline.check(credential(resource("urn:uuid:7f4b5c2e-0c39-4b8e-9b8e-2f1c0a6f7d11", "digestSRI",
                "sha256-" + Base64.getEncoder().encodeToString(new byte[32]))));
        assertThat(urn.outcome()).isEqualTo(RelatedResources.Outcome.UNAVAILABLE);
        RelatedResources failing = new RelatedResources(uri -> {
            throw new IOException("the address is not public");
        });
        assertThat(failing.check(credential(resource(IMAGE.toString(), "digestSRI", "sha256-" + Base64.getEncoder()
                .encodeToString(new byte[32])))).message()).contains("the address is not public");
    }

    @Test
    void atMostTwentyResourcesAreRetrievedAndNoneWhenTheCredentialNamesMore() {
        AtomicInteger fetched = new AtomicInteger();
        RelatedResources counting = new RelatedResources(uri -> {
            fetched.incrementAndGet();
            return IMAGE_BYTES;
        });
        String sri = "sha256-" + Base64.getEncoder().encodeToString(new byte[32]);
        List<String> many = new ArrayList<>();
        for (int i = 0; i < RelatedResources.MAX_RESOURCES + 1; i++) {
            many.add(resource("https://issuer.example/" + i, "digestSRI", sri));
        }
        assertThat(counting.check(credential(String.join(",", many))).outcome()).isEqualTo(RelatedResources.Outcome.INVALID);
        assertThat(fetched).hasValue(0);
        assertThat(VcDataModel.credentialProblems(credential(String.join(",", many)))).anyMatch(p -> p.contains("at most 20"));
    }

    @Test
    void slowResourcesStopBeingRetrievedOnceTheirTimeBudgetIsSpent() throws Exception {
        AtomicInteger fetched = new AtomicInteger();
        RelatedResources slow = new RelatedResources(uri -> {
            fetched.incrementAndGet();
            try {
                Thread.sleep(60);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return IMAGE_BYTES;
        }, java.time.Duration.ofMillis(100));
        String sri = "sha256-" + Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(IMAGE_BYTES));
        List<String> several = new ArrayList<>();
        for (int i = 0; i < 10; i++) several.add(resource("https://slow.example/" + i, "digestSRI", sri));

        var result = slow.check(credential(String.join(",", several)));
        assertThat(result.outcome()).isEqualTo(RelatedResources.Outcome.UNAVAILABLE);
        assertThat(result.message()).contains("took longer than");
        assertThat(fetched.get()).as("retrievals started within the budget (each takes at least 60 ms)").isBetween(1, 2);
    }

    @Test
    void aCredentialWithoutRelatedResourcesHasNothingToCheck() {
        JsonObject plain = Json.createReader(new StringReader("""
                {"@context": ["https://www.w3.org/ns/credentials/v2"], "type": ["VerifiableCredential"]}""")).readObject();
        assertThat(offline.check(plain).outcome()).isEqualTo(RelatedResources.Outcome.NONE);
    }

    private static String resource(String id, String member, String digest) {
        return "{\"id\": \"" + id + "\", \"" + member + "\": \"" + digest + "\"}";
    }

    private static JsonObject credential(String resources) {
        return Json.createReader(new StringReader("""
                {"@context": ["https://www.w3.org/ns/credentials/v2"], "type": ["VerifiableCredential"],
                 "issuer": "did:example:issuer", "credentialSubject": {"id": "did:example:subject"},
                 "relatedResource": [%s]}""".formatted(resources))).readObject();
    }
}
