package io.guildmark.credentials.did;

import jakarta.json.spi.JsonProvider;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An immutable DID document (DID Core §5): its id, verification methods and the {@code assertionMethod} and
 * {@code authentication} relationships. Build one with {@link #builder(String)}, read one with {@link #fromJson}.
 * The same shape serves as a controlled identifier document identified by an HTTPS URL (Controlled Identifiers 1.0
 * ), e.g. an issuer profile that lists its keys.
 */
public final class DidDocument {

    /** Looked up once: {@code Json.create…} searches the class path for the provider on every call. */
    private static final JsonProvider JSON = JsonProvider.provider();

    /** The contexts written by {@link #toJson()}: DID v1 and Multikey v1, both in the bundled context set. */
    public static final List<String> CONTEXTS = List.of("https://www.w3.org/ns/did/v1",
            "https://w3id.org/security/multikey/v1");

    private final String id;
    private final List<String> alsoKnownAs;
    private final List<VerificationMethod> verificationMethods;
    private final List<String> assertionMethod;
    private final List<String> authentication;

    private DidDocument(String id, List<String> alsoKnownAs, List<VerificationMethod> verificationMethods,
                        List<String> assertionMethod, List<String> authentication) {
        this.id = id;
        this.alsoKnownAs = List.copyOf(alsoKnownAs);
        this.verificationMethods = List.copyOf(verificationMethods);
        this.assertionMethod = List.copyOf(assertionMethod);
        this.authentication = List.copyOf(authentication);
    }

    public static Builder builder(String did) {
        return new Builder(did);
    }

    public String id() {
        return id;
    }

    public List<String> alsoKnownAs() {
        return alsoKnownAs;
    }

    public List<VerificationMethod> verificationMethods() {
        return verificationMethods;
    }

    /** Absolute ids of the methods listed under {@code assertionMethod}. */
    public List<String> assertionMethod() {
        return assertionMethod;
    }

    /** Absolute ids of the methods listed under {@code authentication}. */
    public List<String> authentication() {
        return authentication;
    }

    /** Finds a method by absolute id or by a fragment such as {@code #key-1}. */
    public Optional<VerificationMethod> verificationMethod(String idOrFragment) {
        var wanted = VerificationMethod.absolute(idOrFragment, id);
        return verificationMethods.stream().filter(m -> m.id().equals(wanted)).findFirst();
    }

    public boolean isAssertionMethod(String methodId) {
        return assertionMethod.contains(VerificationMethod.absolute(methodId, id));
    }

    public boolean isAuthentication(String methodId) {
        return authentication.contains(VerificationMethod.absolute(methodId, id));
    }

    /** The document as JSON-LD. JsonWebKey methods bring an inline context for their two terms. */
    public JsonObject toJson() {
        var context = JSON.createArrayBuilder();
        CONTEXTS.forEach(context::add);
        if (verificationMethods.stream().anyMatch(m -> m.publicKeyJwk() != null)) {
            // Same IRIs as https://w3id.org/security/jwk/v1, which we don't bundle (see package-info).
            context.add(JSON.createObjectBuilder()
                    .add("JsonWebKey", "https://w3id.org/security#JsonWebKey")
                    .add("publicKeyJwk", JSON.createObjectBuilder()
                            .add("@id", "https://w3id.org/security#publicKeyJwk").add("@type", "@json")));
        }
        var b = JSON.createObjectBuilder().add("@context", context).add("id", id);
        if (!alsoKnownAs.isEmpty()) {
            b.add("alsoKnownAs", JSON.createArrayBuilder(alsoKnownAs));
        }
        var methods = JSON.createArrayBuilder();
        verificationMethods.forEach(m -> methods.add(m.toJson()));
        b.add("verificationMethod", methods);
        b.add("assertionMethod", JSON.createArrayBuilder(assertionMethod));
        b.add("authentication", JSON.createArrayBuilder(authentication));
        return b.build();
    }

    /**
     * Reads a DID document. Relationship entries may be references (strings) or embedded methods (DID Core §5.3).
     *
     * @throws IllegalArgumentException if the JSON is not a DID document
     */
    public static DidDocument fromJson(JsonObject json) {
        if (!(json.get("id") instanceof JsonString idValue) || !Did.isController(idValue.getString())) {
            throw new IllegalArgumentException("a DID document needs an 'id' that is a DID (or an HTTPS URL)");
        }
        var builder = builder(idValue.getString());
        for (var v : array(json, "alsoKnownAs")) {
            if (v instanceof JsonString s) {
                builder.alsoKnownAs.add(s.getString());
            }
        }
        for (var v : array(json, "verificationMethod")) {
            if (v.getValueType() != JsonValue.ValueType.OBJECT) {
                throw new IllegalArgumentException("verificationMethod entries must be objects");
            }
            builder.verificationMethod(VerificationMethod.fromJson(v.asJsonObject(), builder.id));
        }
        readRelationship(json, "assertionMethod", builder, builder.assertionMethod);
        readRelationship(json, "authentication", builder, builder.authentication);
        return builder.build();
    }

    private static void readRelationship(JsonObject json, String name, Builder builder, LinkedHashSet<String> target) {
        for (var v : array(json, name)) {
            if (v instanceof JsonString s) {
                target.add(VerificationMethod.absolute(s.getString(), builder.id));
            } else if (v.getValueType() == JsonValue.ValueType.OBJECT) {
                var embedded = VerificationMethod.fromJson(v.asJsonObject(), builder.id);
                builder.verificationMethod(embedded);
                target.add(embedded.id());
            } else {
                throw new IllegalArgumentException(name + " entries must be strings or objects");
            }
        }
    }

    private static List<JsonValue> array(JsonObject json, String name) {
        var v = json.get(name);
        if (v == null) {
            return List.of();
        }
        if (v instanceof JsonArray a) {
            return a;
        }
        return List.of(v);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DidDocument d && d.toJson().equals(toJson());
    }

    @Override
    public int hashCode() {
        return toJson().hashCode();
    }

    @Override
    public String toString() {
        return toJson().toString();
    }

    /** Collects methods and relationships; ids given as fragments are made absolute. */
    public static final class Builder {
        private final String id;
        private final List<String> alsoKnownAs = new ArrayList<>();
        private final List<VerificationMethod> verificationMethods = new ArrayList<>();
        private final LinkedHashSet<String> assertionMethod = new LinkedHashSet<>();
        private final LinkedHashSet<String> authentication = new LinkedHashSet<>();

        private Builder(String did) {
            if (!Did.isController(Objects.requireNonNull(did, "did"))) {
                throw new IllegalArgumentException("not a DID or HTTPS URL: " + did);
            }
            this.id = did;
        }

        public Builder alsoKnownAs(String uri) {
            alsoKnownAs.add(uri);
            return this;
        }

        /** Adds a method, replacing one with the same id. */
        public Builder verificationMethod(VerificationMethod method) {
            verificationMethods.removeIf(m -> m.id().equals(method.id()));
            verificationMethods.add(method);
            return this;
        }

        /** Adds a method and lists it under {@code assertionMethod} and {@code authentication}. */
        public Builder assertionKey(VerificationMethod method) {
            verificationMethod(method);
            assertionMethod.add(method.id());
            authentication.add(method.id());
            return this;
        }

        public Builder assertionMethod(String methodId) {
            assertionMethod.add(VerificationMethod.absolute(methodId, id));
            return this;
        }

        public Builder authentication(String methodId) {
            authentication.add(VerificationMethod.absolute(methodId, id));
            return this;
        }

        public DidDocument build() {
            for (var ref : assertionMethod) {
                if (verificationMethods.stream().noneMatch(m -> m.id().equals(ref)) && ref.startsWith(id + "#")) {
                    throw new IllegalArgumentException("assertionMethod " + ref + " is not a verification method");
                }
            }
            return new DidDocument(id, alsoKnownAs, verificationMethods, List.copyOf(assertionMethod),
                    List.copyOf(authentication));
        }
    }
}
