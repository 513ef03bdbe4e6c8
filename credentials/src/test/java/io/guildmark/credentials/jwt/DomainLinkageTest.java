package io.guildmark.credentials.jwt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

import com.nimbusds.jose.jwk.JWK;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

class DomainLinkageTest {

    static final String DID = "did:web:badges.example.net:issuers:acme";
    static final String ORIGIN = "https://acme.example.org";
    static final Instant NOW = Instant.parse("2026-12-04T12:00:00Z");

    final JwtSigningKey key = JwtSigningKey.generateRsa(DID + "#key-1");
    final JwtKeyResolver keys = resolverFor(DID, key);

    static JwtKeyResolver resolverFor(String controller, JwtSigningKey signing) {
        return new JwtKeyResolver() {
            @Override
            public ResolvedKey byKid(String kid) throws JwtKeyResolutionException {
                if (!kid.equals(signing.kid())) {
                    throw new JwtKeyResolutionException(JwtKeyResolutionException.Code.KEY_NOT_FOUND, "no key " + kid);
                }
                return new ResolvedKey(signing.publicJwk(), controller);
            }

            @Override
            public List<JWK> byIssuer(String issuerId) {
                return List.of(signing.publicJwk());
            }
        };
    }

    private String linkage(String origin) {
        return DomainLinkage.jwt(DID, origin, key, NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(365)));
    }

    private static byte[] file(JsonObject configuration) {
        return configuration.toString().getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aConfigurationWithTheDidsOwnCredentialLinksItToTheOrigin() {
        var result = DomainLinkage.verify(file(DomainLinkage.configuration(List.of(linkage(ORIGIN)))), DID, ORIGIN, keys, NOW);

        assertThat(result.linked()).as(result.message()).isTrue();
    }

    @Test
    void theCredentialFollowsTheDifJwtForm() {
        String[] parts = linkage(ORIGIN).split("\\.");
        String header = new String(Base64.getUrlDecoder().decode(parts[0]), StandardCharsets.UTF_8);
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);

        assertThat(header).contains("\"alg\":\"RS256\"").contains("\"kid\":\"" + DID + "#key-1\"");
        assertThat(payload).contains("\"iss\":\"" + DID + "\"").contains("\"sub\":\"" + DID + "\"").contains("\"exp\":")
                .contains("\"nbf\":").contains("DomainLinkageCredential").contains("\"origin\":\"" + ORIGIN + "\"")
                .contains(DomainLinkage.CONTEXT);
        assertThat(DomainLinkage.configuration(List.of("a.b.c")).toString())
                .isEqualTo("{\"@context\":\"" + DomainLinkage.CONTEXT + "\",\"linked_dids\":[\"a.b.c\"]}");
    }

    @Test
    void aCredentialForAnotherOriginDoesNotLink() {
        var result = DomainLinkage.verify(file(DomainLinkage.configuration(List.of(linkage("https://stanford.example.edu")))),
                DID, ORIGIN, keys, NOW);

        assertThat(result.linked()).isFalse();
        assertThat(result.code()).isEqualTo(DomainLinkage.Code.ORIGIN_MISMATCH);
    }

    @Test
    void aCredentialSignedByAnotherKeyDoesNotLink() {
        JwtSigningKey impostor = JwtSigningKey.generateRsa(DID + "#key-1");
        String forged = DomainLinkage.jwt(DID, ORIGIN, impostor, NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(30)));

        var result = DomainLinkage.verify(file(DomainLinkage.configuration(List.of(forged))), DID, ORIGIN, keys, NOW);

        assertThat(result.code()).isEqualTo(DomainLinkage.Code.INVALID_SIGNATURE);
    }

    @Test
    void anExpiredCredentialDoesNotLink() {
        String old = DomainLinkage.jwt(DID, ORIGIN, key, NOW.minus(Duration.ofDays(400)), NOW.minus(Duration.ofDays(35)));

        var result = DomainLinkage.verify(file(DomainLinkage.configuration(List.of(old))), DID, ORIGIN, keys, NOW);

        assertThat(result.code()).isEqualTo(DomainLinkage.Code.EXPIRED);
    }

    @Test
    void aKeyThatIsNotTheDidsOwnDoesNotLink() {
        JwtKeyResolver someoneElses = resolverFor("did:web:evil.example", key);

        var result = DomainLinkage.verify(file(DomainLinkage.configuration(List.of(linkage(ORIGIN)))), DID, ORIGIN, someoneElses, NOW);

        assertThat(result.code()).isEqualTo(DomainLinkage.Code.KEY_NOT_RESOLVED);
    }

    @Test
    void credentialsOfOtherDidsAreSkippedAndTheirAbsenceSaysSo() {
        JwtSigningKey other = JwtSigningKey.generateRsa("did:web:other.example#k");
        String theirs = DomainLinkage.jwt("did:web:other.example", ORIGIN, other, NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(3)));

        assertThat(DomainLinkage.verify(file(DomainLinkage.configuration(List.of(theirs))), DID, ORIGIN, keys, NOW).code())
                .isEqualTo(DomainLinkage.Code.DID_NOT_LINKED);
        assertThat(DomainLinkage.verify(file(DomainLinkage.configuration(List.of(theirs, linkage(ORIGIN)))), DID, ORIGIN, keys, NOW)
                .linked()).isTrue();
    }

    @Test
    void malformedFilesAreRefusedWithTheReason() {
        assertThat(DomainLinkage.verify("not json".getBytes(StandardCharsets.UTF_8), DID, ORIGIN, keys, NOW).code())
                .isEqualTo(DomainLinkage.Code.MALFORMED);
        assertThat(DomainLinkage.verify("[1,2]".getBytes(StandardCharsets.UTF_8), DID, ORIGIN, keys, NOW).code())
                .isEqualTo(DomainLinkage.Code.MALFORMED);
        assertThat(DomainLinkage.verify("{\"linked_dids\":[]}".getBytes(StandardCharsets.UTF_8), DID, ORIGIN, keys, NOW).code())
                .isEqualTo(DomainLinkage.Code.WRONG_CONTEXT);
        assertThat(DomainLinkage.verify(("{\"@context\":\"" + DomainLinkage.CONTEXT + "\",\"linked_dids\":[]}").getBytes(StandardCharsets.UTF_8),
                DID, ORIGIN, keys, NOW).code()).isEqualTo(DomainLinkage.Code.NO_LINKED_DIDS);
        assertThat(DomainLinkage.verify(("{\"@context\":\"" + DomainLinkage.CONTEXT + "\",\"linked_dids\":[\"x.y\", 7, \"" + DID + "\"]}")
                .getBytes(StandardCharsets.UTF_8), DID, ORIGIN, keys, NOW).code()).isEqualTo(DomainLinkage.Code.DID_NOT_LINKED);
        assertThat(DomainLinkage.verify(new byte[DomainLinkage.MAX_CONFIGURATION_BYTES + 1], DID, ORIGIN, keys, NOW).code())
                .isEqualTo(DomainLinkage.Code.MALFORMED);
    }

    @Test
    void domainsAreReadAsOriginsAndOtherTextIsRefused() {
        assertThat(DomainLinkage.origin("Example.org", false)).isEqualTo("https://example.org");
        assertThat(DomainLinkage.origin("https://example.org/", false)).isEqualTo("https://example.org");
        assertThat(DomainLinkage.origin("example.org:8443", false)).isEqualTo("https://example.org:8443");
        assertThat(DomainLinkage.origin("127.0.0.1:8080", true)).isEqualTo("http://127.0.0.1:8080");
        for (String bad : new String[] {"", "https://example.org/path", "user@example.org", "exa mple.org", "-x.org", "a..b",
                "example.org:99999", "javascript:alert(1)"}) {
            assertThatThrownBy(() -> DomainLinkage.origin(bad, false)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
