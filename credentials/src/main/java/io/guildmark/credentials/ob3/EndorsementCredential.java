package io.guildmark.credentials.ob3;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import java.time.Instant;
import java.util.List;

import static io.guildmark.credentials.ob3.JsonFields.*;

/**
 * An endorsement (OB 3.0 Appendix B "EndorsementCredential"): an employer's or other party's signed statement
 * about an achievement, profile or credential named by {@code credentialSubject.id}.
 *
 * @param id required absolute URI
 * @param name required
 * @param issuer the endorser, required
 * @param subjectId the id of what is endorsed, required
 */
public record EndorsementCredential(String id, String name, String description, Profile issuer, Instant validFrom,
        Instant validUntil, Instant awardedDate, String subjectId, String endorsementComment,
        CredentialStatus credentialStatus, List<CredentialSchema> credentialSchema, List<JsonObject> proof) {

    public static final String TYPE = "EndorsementCredential";

    public EndorsementCredential {
        requireUri(id, "EndorsementCredential.id");
        requireText(name, "EndorsementCredential.name");
        optionalText(description, "EndorsementCredential.description");
        if (issuer == null || validFrom == null) {
            throw new IllegalArgumentException("issuer and validFrom are required");
        }
        if (validUntil != null && validUntil.isBefore(validFrom)) {
            throw new IllegalArgumentException("validUntil must not be before validFrom");
        }
        requireUri(subjectId, "EndorsementCredential.credentialSubject.id");
        optionalText(endorsementComment, "EndorsementCredential.credentialSubject.endorsementComment");
        credentialSchema = copy(credentialSchema);
        proof = copy(proof);
    }

    /** An unsigned endorsement of {@code subjectId} by {@code issuer}. */
    public static EndorsementCredential of(String id, String name, Profile issuer, Instant validFrom,
            String subjectId, String endorsementComment) {
        return new EndorsementCredential(id, name, null, issuer, validFrom, null, null, subjectId,
                endorsementComment, null, null, null);
    }

    public boolean needsExtensionsContext() {
        return credentialStatus != null && credentialStatus.needsExtensionsContext()
                || credentialSchema.stream().anyMatch(CredentialSchema::needsExtensionsContext);
    }

    public JsonObject toJson() {
        var subject = object().add("id", subjectId).add("type", types("EndorsementSubject"));
        put(subject, "endorsementComment", endorsementComment);
        var json = object().add("@context", Contexts.of(needsExtensionsContext())).add("id", id)
                .add("type", types("VerifiableCredential", TYPE)).add("name", name);
        put(json, "description", description);
        json.add("issuer", issuer.toJson());
        put(json, "validFrom", validFrom);
        put(json, "validUntil", validUntil);
        put(json, "awardedDate", awardedDate);
        json.add("credentialSubject", subject);
        putArray(json, "credentialSchema", credentialSchema, CredentialSchema::toJson);
        if (credentialStatus != null) {
            json.add("credentialStatus", credentialStatus.toJson());
        }
        putArray(json, "proof", proof, p -> p);
        return json.build();
    }

    public static EndorsementCredential fromJson(JsonObject json) {
        Contexts.check(json);
        requireType(json, "VerifiableCredential");
        requireType(json, TYPE);
        JsonValue issuer = json.get("issuer");
        JsonObject subject = objectOrNull(json, "credentialSubject");
        if (subject == null) {
            throw new IllegalArgumentException("credentialSubject is required");
        }
        requireType(subject, "EndorsementSubject");
        JsonObject status = objectOrNull(json, "credentialStatus");
        Instant validFrom = json.containsKey("validFrom") ? instant(json, "validFrom") : instant(json, "issuanceDate");
        return new EndorsementCredential(required(json, "id"), required(json, "name"), string(json, "description"),
                issuer == null ? null : Profile.fromJson(issuer), validFrom, instant(json, "validUntil"),
                instant(json, "awardedDate"), required(subject, "id"), string(subject, "endorsementComment"),
                status == null ? null : CredentialStatus.fromJson(status),
                list(json, "credentialSchema", CredentialSchema::fromJson), list(json, "proof", p -> p));
    }
}
