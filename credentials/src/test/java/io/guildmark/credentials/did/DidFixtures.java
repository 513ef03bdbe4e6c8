package io.guildmark.credentials.did;

import jakarta.json.Json;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/** Issuers and their DID documents, in domain words. */
final class DidFixtures {

    static final String ACME = "did:web:example.com:issuers:acme";
    static final byte[] KEY_2024 = bytes(1);
    static final byte[] KEY_2025 = bytes(2);
    static final byte[] KEY_2026 = bytes(3);

    private DidFixtures() {
    }

    static byte[] bytes(int seed) {
        var b = new byte[32];
        for (int i = 0; i < 32; i++) {
            b[i] = (byte) (seed * 31 + i);
        }
        return b;
    }

    /** Acme after two rotations: 2024 retired (still listed), 2025 revoked, 2026 current. */
    static DidDocument acmeAfterRotations() {
        return DidDocument.builder(ACME)
                .verificationMethod(VerificationMethod.ed25519Multikey(ACME + "#key-2024", ACME, KEY_2024))
                .verificationMethod(VerificationMethod.ed25519Multikey(ACME + "#key-2025", ACME, KEY_2025)
                        .revokedAt(java.time.Instant.parse("2025-06-01T00:00:00Z")))
                .assertionKey(VerificationMethod.ed25519Multikey(ACME + "#key-2026", ACME, KEY_2026))
                .build();
    }

    static DocumentFetcher serving(DidDocument... documents) {
        Map<URI, byte[]> map = new HashMap<>();
        for (var d : documents) {
            try {
                map.put(DidWeb.toUrl(d.id(), true), d.toJson().toString().getBytes(StandardCharsets.UTF_8));
            } catch (DidResolutionException e) {
                throw new IllegalStateException(e);
            }
        }
        return DocumentFetcher.ofMap(map);
    }

    static jakarta.json.JsonObject rsaJwk() {
        return Json.createObjectBuilder().add("kty", "RSA").add("e", "AQAB").add("n", "sXchDaQebHnPiGvyDOAT4saGEUetSyo9MKLOoWFsueri23bOdgWp4Dy1WlUzewbgBHod5pcM9H95GQRV3JDXboIRROSBigeC5yjU1hGzHHyXss8UDprecbAYxknTcQkhslANGRUZmdTOQ5qTRsLAt6BTYuyvVRdhS8exSZEy_c4gs_7svlJJQ4H9_NxsiIoLwAEk7-Q3UXERGYw_75IDrGA84-lA_-Ct4eTlXHBIY2EaV7t7LjJaynVJCpkv4LKjTTAumiGUIuQhrNhZLuF_RJLqHpM2kgWFLU7-VTdL1VbC2tejvcI2BlMkEpk1BzBZI0KQB0GaDWFLN-aEAw3vRw").build();
    }
}
