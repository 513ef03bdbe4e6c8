package io.guildmark.credentials.status;

import jakarta.json.spi.JsonProvider;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * Builds the unsigned {@code BitstringStatusListCredential} (Bitstring Status List) that an issuer publishes at
 * the list's URL. The caller signs it (eddsa-rdfc-2022) before publishing; every term is defined by the VC 2.0 context.
 */
public final class BitstringStatusListCredential {

    /** Looked up once: {@code Json.create…} searches the class path for the provider on every call. */
    private static final JsonProvider JSON = JsonProvider.provider();

    public static final String TYPE = "BitstringStatusListCredential";

    private BitstringStatusListCredential() {
    }

    /**
     * @param listUrl   the credential's id, the URL it is served at (what entries name as {@code statusListCredential})
     * @param issuerId  the issuer; must be the issuer of the credentials that point to this list
     * @param validFrom when this version of the list was published
     * @param validUntil when verifiers should fetch a fresh copy, or {@code null}
     */
    public static JsonObject unsigned(String listUrl, String issuerId, StatusPurpose purpose, BitstringStatusList list,
                                      Instant validFrom, Instant validUntil) {
        Objects.requireNonNull(listUrl, "listUrl");
        Objects.requireNonNull(issuerId, "issuerId");
        var b = JSON.createObjectBuilder()
                .add("@context", JSON.createArrayBuilder().add("https://www.w3.org/ns/credentials/v2"))
                .add("id", listUrl)
                .add("type", JSON.createArrayBuilder().add("VerifiableCredential").add(TYPE))
                .add("issuer", issuerId)
                .add("validFrom", validFrom.truncatedTo(ChronoUnit.SECONDS).toString());
        if (validUntil != null) {
            b.add("validUntil", validUntil.truncatedTo(ChronoUnit.SECONDS).toString());
        }
        b.add("credentialSubject", JSON.createObjectBuilder()
                .add("id", listUrl + "#list")
                .add("type", "BitstringStatusList")
                .add("statusPurpose", purpose.value())
                .add("encodedList", list.encode()));
        return b.build();
    }
}
