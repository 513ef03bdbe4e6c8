package io.guildmark.credentials.status;

import jakarta.json.spi.JsonProvider;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The Open Badges 3.0 {@code 1EdTechRevocationList} status method (1EdTech Revocation List v1.0). A credential names
 * the list with {@code "credentialStatus": {"id": "<list URL>", "type": "1EdTechRevocationList"}}; the document at
 * that URL lists revoked credential ids in {@code revokedCredentials}, each with an optional {@code revocationReason}.
 */
public final class RevocationList {

    /** Looked up once: {@code Json.create…} searches the class path for the provider on every call. */
    private static final JsonProvider JSON = JsonProvider.provider();

    public static final String TYPE = "1EdTechRevocationList";

    /** One revoked credential. */
    public record RevokedCredential(String id, String revocationReason) {
        public RevokedCredential {
            Objects.requireNonNull(id, "id");
        }
    }

    private final String id;
    private final String issuer;
    private final List<RevokedCredential> revokedCredentials;

    private RevocationList(String id, String issuer, List<RevokedCredential> revokedCredentials) {
        this.id = Objects.requireNonNull(id, "id");
        this.issuer = issuer;
        this.revokedCredentials = List.copyOf(revokedCredentials);
    }

    public static Builder builder(String listUrl, String issuerId) {
        return new Builder(listUrl, issuerId);
    }

    /** The {@code credentialStatus} entry that points a credential at the list. */
    public static JsonObject statusEntry(String listUrl) {
        return JSON.createObjectBuilder().add("id", listUrl).add("type", TYPE).build();
    }

    public String id() {
        return id;
    }

    /** The list's issuer, or {@code null} when the document doesn't say. */
    public String issuer() {
        return issuer;
    }

    public List<RevokedCredential> revokedCredentials() {
        return revokedCredentials;
    }

    public Optional<RevokedCredential> find(String credentialId) {
        return revokedCredentials.stream().filter(r -> r.id().equals(credentialId)).findFirst();
    }

    public JsonObject toJson() {
        var revoked = JSON.createArrayBuilder();
        for (var r : revokedCredentials) {
            var entry = JSON.createObjectBuilder().add("id", r.id());
            if (r.revocationReason() != null) {
                entry.add("revocationReason", r.revocationReason());
            }
            revoked.add(entry);
        }
        var b = JSON.createObjectBuilder().add("id", id);
        if (issuer != null) {
            b.add("issuer", issuer);
        }
        return b.add("revokedCredentials", revoked).build();
    }

    /**
     * @throws IllegalArgumentException if the document has no id or its {@code revokedCredentials} is malformed
     */
    public static RevocationList fromJson(JsonObject json) {
        if (!(json.get("id") instanceof JsonString id)) {
            throw new IllegalArgumentException("revocation list has no id");
        }
        String issuer = null;
        var issuerValue = json.get("issuer");
        if (issuerValue instanceof JsonString s) {
            issuer = s.getString();
        } else if (issuerValue instanceof JsonObject o && o.get("id") instanceof JsonString s) {
            issuer = s.getString();
        }
        var list = new ArrayList<RevokedCredential>();
        var revoked = json.get("revokedCredentials");
        if (revoked != null) {
            if (!(revoked instanceof JsonArray array)) {
                throw new IllegalArgumentException("revokedCredentials must be an array");
            }
            for (var v : array) {
                if (v instanceof JsonString s) {
                    list.add(new RevokedCredential(s.getString(), null));
                } else if (v instanceof JsonObject o && o.get("id") instanceof JsonString s) {
                    list.add(new RevokedCredential(s.getString(),
                            o.get("revocationReason") instanceof JsonString r ? r.getString() : null));
                } else {
                    throw new IllegalArgumentException("revokedCredentials entries need an id");
                }
            }
        }
        return new RevocationList(id.getString(), issuer, list);
    }

    public static final class Builder {
        private final String id;
        private final String issuer;
        private final List<RevokedCredential> revoked = new ArrayList<>();

        private Builder(String id, String issuer) {
            this.id = id;
            this.issuer = issuer;
        }

        public Builder revoke(String credentialId, String reason) {
            revoked.removeIf(r -> r.id().equals(credentialId));
            revoked.add(new RevokedCredential(credentialId, reason));
            return this;
        }

        public RevocationList build() {
            return new RevocationList(id, issuer, revoked);
        }
    }
}
