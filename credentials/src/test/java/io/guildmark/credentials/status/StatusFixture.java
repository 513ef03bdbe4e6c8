package io.guildmark.credentials.status;

import io.guildmark.credentials.did.DocumentFetcher;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/** An issuer's credentials and status lists. */
final class StatusFixture {

    static final String ISSUER = "did:web:example.com:issuers:acme";
    static final String REVOCATIONS = "https://example.com/status/1";
    static final String SUSPENSIONS = "https://example.com/status/2";
    static final String ONE_EDTECH_LIST = "https://example.com/credentials/revocations";
    static final Instant PUBLISHED = Instant.parse("2026-02-01T00:00:00Z");

    final Map<URI, byte[]> documents = new HashMap<>();

    StatusFixture publish(String url, JsonObject json) {
        documents.put(URI.create(url), json.toString().getBytes(StandardCharsets.UTF_8));
        return this;
    }

    StatusFixture bitstringList(String url, StatusPurpose purpose, int... setIndexes) {
        var list = new BitstringStatusList();
        for (int i : setIndexes) {
            list.set(i, true);
        }
        return publish(url, BitstringStatusListCredential.unsigned(url, ISSUER, purpose, list, PUBLISHED, null));
    }

    DocumentFetcher fetcher() {
        return DocumentFetcher.ofMap(documents);
    }

    static JsonObject credential(String id, JsonObject... statusEntries) {
        var b = Json.createObjectBuilder().add("id", id).add("issuer",
                Json.createObjectBuilder().add("id", ISSUER).add("type", Json.createArrayBuilder().add("Profile")));
        if (statusEntries.length == 1) {
            b.add("credentialStatus", statusEntries[0]);
        } else if (statusEntries.length > 1) {
            var a = Json.createArrayBuilder();
            for (var e : statusEntries) {
                a.add(e);
            }
            b.add("credentialStatus", a);
        }
        return b.build();
    }
}
