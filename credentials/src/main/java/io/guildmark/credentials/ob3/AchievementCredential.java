package io.guildmark.credentials.ob3;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import java.time.Instant;
import java.util.List;

import static io.guildmark.credentials.ob3.JsonFields.*;

/**
 * An Open Badges 3.0 credential (OB 3.0 Appendix B "AchievementCredential"): a Verifiable Credential (VC Data
 * Model 2.0) whose subject achieved an {@link Achievement}. Serialized with {@code type}
 * {@code ["VerifiableCredential", "OpenBadgeCredential"]}; {@code AchievementCredential} is accepted as the alias
 * it is when reading.
 *
 * <p>{@code credentialSchema} is optional and empty unless set. Guildmark does not add it by default: the schema
 * URL the specification's examples name ({@link CredentialSchema#OB_ACHIEVEMENT_CREDENTIAL}) is not the file the
 * 1EdTech repository publishes, so the claim could not be checked here. When it is set, its type
 * {@code 1EdTechJsonSchemaValidator2019} brings the OB extensions context into {@code @context}, and the credential
 * signs and verifies in safe mode (tested).
 *
 * <p>{@code proof} holds the proofs as received. To verify a credential, verify the JSON as received, never a
 * re-serialization of this record: dates are normalized to UTC and unknown members are not kept.
 *
 * @param id required absolute URI
 * @param issuer required
 * @param validFrom required
 * @param credentialSubject required
 */
public record AchievementCredential(String id, String name, String description, Image image, Profile issuer,
        Instant validFrom, Instant validUntil, Instant awardedDate, AchievementSubject credentialSubject,
        List<Evidence> evidence, CredentialStatus credentialStatus, List<CredentialSchema> credentialSchema,
        List<EndorsementCredential> endorsement, List<JsonObject> proof) {

    public static final String TYPE = "OpenBadgeCredential";

    public static final String TYPE_ALIAS = "AchievementCredential";

    public AchievementCredential {
        requireUri(id, "AchievementCredential.id");
        optionalText(name, "AchievementCredential.name");
        optionalText(description, "AchievementCredential.description");
        if (issuer == null || validFrom == null || credentialSubject == null) {
            throw new IllegalArgumentException("issuer, validFrom and credentialSubject are required");
        }
        if (validUntil != null && validUntil.isBefore(validFrom)) {
            throw new IllegalArgumentException("validUntil must not be before validFrom");
        }
        evidence = copy(evidence);
        credentialSchema = copy(credentialSchema);
        endorsement = copy(endorsement);
        proof = copy(proof);
    }

    /** An unsigned credential with the usual members; evidence and status may be empty/null. */
    public static AchievementCredential of(String id, String name, Profile issuer, Instant validFrom,
            AchievementSubject subject, List<Evidence> evidence, CredentialStatus status) {
        return new AchievementCredential(id, name, null, null, issuer, validFrom, null, null, subject, evidence,
                status, null, null, null);
    }

    /** This credential without proofs, e.g. to sign it again. */
    public AchievementCredential withoutProof() {
        return new AchievementCredential(id, name, description, image, issuer, validFrom, validUntil, awardedDate,
                credentialSubject, evidence, credentialStatus, credentialSchema, endorsement, null);
    }

    /** Whether the OB extensions context must be listed (a 1EdTech status or schema type is used). */
    public boolean needsExtensionsContext() {
        return credentialStatus != null && credentialStatus.needsExtensionsContext()
                || credentialSchema.stream().anyMatch(CredentialSchema::needsExtensionsContext);
    }

    public JsonObject toJson() {
        var json = object().add("@context", Contexts.of(needsExtensionsContext())).add("id", id)
                .add("type", types("VerifiableCredential", TYPE));
        put(json, "name", name);
        put(json, "description", description);
        if (image != null) {
            json.add("image", image.toJson());
        }
        json.add("issuer", issuer.toJson());
        put(json, "validFrom", validFrom);
        put(json, "validUntil", validUntil);
        put(json, "awardedDate", awardedDate);
        json.add("credentialSubject", credentialSubject.toJson());
        putArray(json, "evidence", evidence, Evidence::toJson);
        putArray(json, "endorsement", endorsement, EndorsementCredential::toJson);
        putArray(json, "credentialSchema", credentialSchema, CredentialSchema::toJson);
        if (credentialStatus != null) {
            json.add("credentialStatus", credentialStatus.toJson());
        }
        putArray(json, "proof", proof, p -> p);
        return json.build();
    }

    /**
     * Reads a credential. {@code proof} and {@code evidence} may be single objects (builds before 2024 allowed
     * it); {@code validFrom} falls back to VC 1.1's {@code issuanceDate}.
     *
     * @throws IllegalArgumentException when a required member is missing or a value is invalid
     */
    public static AchievementCredential fromJson(JsonObject json) {
        Contexts.check(json);
        requireType(json, "VerifiableCredential");
        requireType(json, TYPE, TYPE_ALIAS);
        JsonValue image = json.get("image");
        JsonValue issuer = json.get("issuer");
        JsonObject subject = objectOrNull(json, "credentialSubject");
        JsonObject status = objectOrNull(json, "credentialStatus");
        Instant validFrom = json.containsKey("validFrom") ? instant(json, "validFrom") : instant(json, "issuanceDate");
        return new AchievementCredential(required(json, "id"), string(json, "name"), string(json, "description"),
                image == null ? null : Image.fromJson(image), issuer == null ? null : Profile.fromJson(issuer),
                validFrom, instant(json, "validUntil"), instant(json, "awardedDate"),
                subject == null ? null : AchievementSubject.fromJson(subject),
                list(json, "evidence", Evidence::fromJson), status == null ? null : CredentialStatus.fromJson(status),
                list(json, "credentialSchema", CredentialSchema::fromJson),
                list(json, "endorsement", EndorsementCredential::fromJson), list(json, "proof", p -> p));
    }
}
