package io.guildmark.credentials.did;

import jakarta.json.spi.JsonProvider;
import io.guildmark.credentials.proof.Multikey;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;

/**
 * One entry of a DID document's {@code verificationMethod} (DID Core §5.2): either a {@code Multikey} with
 * {@code publicKeyMultibase} or a {@code JsonWebKey} with {@code publicKeyJwk}.
 *
 * @param id                 absolute DID URL of the method, e.g. {@code did:web:example.com#key-1}
 * @param type               {@code Multikey} or {@code JsonWebKey} (other types are kept, but yield no key)
 * @param controller         the DID that controls the key
 * @param publicKeyMultibase set for Multikey, else {@code null}
 * @param publicKeyJwk       set for JsonWebKey, else {@code null}; never holds a private member
 * @param revoked            when the key was revoked ({@code revoked}, Controlled Identifiers 1.0), or {@code null}
 * @param expires            when the key expires ({@code expires}), or {@code null}
 */
public record VerificationMethod(String id, String type, String controller, String publicKeyMultibase,
                                 JsonObject publicKeyJwk, Instant revoked, Instant expires) {

    /** Looked up once: {@code Json.create…} searches the class path for the provider on every call. */
    private static final JsonProvider JSON = JsonProvider.provider();

    public static final String MULTIKEY = "Multikey";
    public static final String JSON_WEB_KEY = "JsonWebKey";

    public VerificationMethod {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(controller, "controller");
        if (publicKeyJwk != null) {
            for (var privateMember : new String[] {"d", "p", "q", "dp", "dq", "qi", "oth", "k"}) {
                if (publicKeyJwk.containsKey(privateMember)) {
                    // RFC 7517 Appendix A.2: a published JWK must never contain private key material.
                    throw new IllegalArgumentException("publicKeyJwk contains private key member '" + privateMember + "'");
                }
            }
        }
    }

    /** An Ed25519 Multikey method. */
    public static VerificationMethod ed25519Multikey(String id, String controller, byte[] publicKey) {
        return new VerificationMethod(id, MULTIKEY, controller, Multikey.encodePublicKey(publicKey), null, null, null);
    }

    /** A JsonWebKey method (RSA, EC or OKP public key). */
    public static VerificationMethod jsonWebKey(String id, String controller, JsonObject publicJwk) {
        return new VerificationMethod(id, JSON_WEB_KEY, controller, null, publicJwk, null, null);
    }

    /** The same method, marked revoked at the given instant (the key stays listed so old signatures can be judged). */
    public VerificationMethod revokedAt(Instant when) {
        return new VerificationMethod(id, type, controller, publicKeyMultibase, publicKeyJwk, when, expires);
    }

    /** The same method with an expiry instant. */
    public VerificationMethod expiresAt(Instant when) {
        return new VerificationMethod(id, type, controller, publicKeyMultibase, publicKeyJwk, revoked, when);
    }

    /**
     * The raw 32-byte Ed25519 public key, from a Multikey or from an OKP/Ed25519 JWK.
     *
     * @throws DidResolutionException with {@code UNSUPPORTED_KEY_TYPE} if this is not an Ed25519 key
     */
    public byte[] ed25519PublicKey() throws DidResolutionException {
        try {
            if (publicKeyMultibase != null) {
                return Multikey.decodePublicKey(publicKeyMultibase);
            }
            if (publicKeyJwk != null && "OKP".equals(publicKeyJwk.getString("kty", null))
                    && "Ed25519".equals(publicKeyJwk.getString("crv", null))) {
                var x = Base64.getUrlDecoder().decode(publicKeyJwk.getString("x", ""));
                if (x.length == 32) {
                    return x;
                }
            }
        } catch (IllegalArgumentException e) {
            throw new DidResolutionException(DidResolutionException.Code.UNSUPPORTED_KEY_TYPE,
                    "verification method " + id + " has an unreadable key: " + e.getMessage(), e);
        }
        throw new DidResolutionException(DidResolutionException.Code.UNSUPPORTED_KEY_TYPE,
                "verification method " + id + " is not an Ed25519 key");
    }

    /**
     * The public key as a JWK (RFC 7517): {@code publicKeyJwk} as published, or an Ed25519 Multikey converted to an
     * OKP JWK (RFC 8037 §2).
     */
    public Optional<JsonObject> publicJwk() {
        if (publicKeyJwk != null) {
            return Optional.of(publicKeyJwk);
        }
        if (publicKeyMultibase != null) {
            try {
                var x = Multikey.decodePublicKey(publicKeyMultibase);
                return Optional.of(JSON.createObjectBuilder()
                        .add("kty", "OKP").add("crv", "Ed25519")
                        .add("x", Base64.getUrlEncoder().withoutPadding().encodeToString(x))
                        .build());
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    JsonObject toJson() {
        var b = JSON.createObjectBuilder().add("id", id).add("type", type).add("controller", controller);
        if (publicKeyMultibase != null) {
            b.add("publicKeyMultibase", publicKeyMultibase);
        }
        if (publicKeyJwk != null) {
            b.add("publicKeyJwk", publicKeyJwk);
        }
        if (expires != null) {
            b.add("expires", expires.toString());
        }
        if (revoked != null) {
            b.add("revoked", revoked.toString());
        }
        return b.build();
    }

    static VerificationMethod fromJson(JsonObject json, String documentId) {
        var id = absolute(string(json, "id"), documentId);
        var type = string(json, "type");
        var controller = json.containsKey("controller") ? string(json, "controller") : documentId;
        var multibase = json.containsKey("publicKeyMultibase") ? string(json, "publicKeyMultibase") : null;
        JsonObject jwk = null;
        if (json.containsKey("publicKeyJwk")) {
            if (json.get("publicKeyJwk").getValueType() != JsonValue.ValueType.OBJECT) {
                throw new IllegalArgumentException("publicKeyJwk of " + id + " is not an object");
            }
            jwk = json.getJsonObject("publicKeyJwk");
        }
        return new VerificationMethod(id, type, controller, multibase, jwk, instant(json, "revoked"),
                instant(json, "expires"));
    }

    static String absolute(String ref, String documentId) {
        // DID Core §3.2.2: a relative DID URL such as "#key-1" is resolved against the document's DID.
        return ref.startsWith("#") ? documentId + ref : ref;
    }

    private static String string(JsonObject json, String name) {
        var v = json.get(name);
        if (!(v instanceof JsonString s)) {
            throw new IllegalArgumentException("verification method member '" + name + "' must be a string");
        }
        return s.getString();
    }

    private static Instant instant(JsonObject json, String name) {
        if (!json.containsKey(name)) {
            return null;
        }
        try {
            return Instant.parse(string(json, name));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + name + "' is not an XML Schema dateTime", e);
        }
    }
}
