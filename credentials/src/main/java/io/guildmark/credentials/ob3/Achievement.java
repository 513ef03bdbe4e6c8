package io.guildmark.credentials.ob3;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import java.math.BigDecimal;
import java.util.List;

import static io.guildmark.credentials.ob3.JsonFields.*;

/**
 * What was achieved (OB 3.0 Appendix B "Achievement"): a Guildmark micro-credential version.
 *
 * @param id required absolute URI
 * @param achievementType optional: {@code MicroCredential}, {@code Badge}, {@code Certificate}, … or {@code ext:…}
 * @param creditsAvailable optional, not negative
 */
public record Achievement(String id, String name, String description, Criteria criteria, Image image,
        String achievementType, List<Alignment> alignment, List<String> tag, BigDecimal creditsAvailable,
        String humanCode, String fieldOfStudy, String specialization, List<ResultDescription> resultDescription,
        String version, String inLanguage, Profile creator) {

    static final List<String> ACHIEVEMENT_TYPES = List.of("Achievement", "ApprenticeshipCertificate", "Assessment",
            "Assignment", "AssociateDegree", "Award", "Badge", "BachelorDegree", "Certificate",
            "CertificateOfCompletion", "Certification", "CommunityService", "Competency", "Course", "CoCurricular",
            "Degree", "Diploma", "DoctoralDegree", "Fieldwork", "GeneralEducationDevelopment",
            "JourneymanCertificate", "LearningProgram", "License", "Membership", "ProfessionalDoctorate",
            "QualityAssuranceCredential", "MasterCertificate", "MasterDegree", "MicroCredential",
            "ResearchDoctorate", "SecondarySchoolDiploma");

    public Achievement {
        requireUri(id, "Achievement.id");
        requireText(name, "Achievement.name");
        requireText(description, "Achievement.description");
        if (criteria == null) {
            throw new IllegalArgumentException("Achievement.criteria is required");
        }
        if (achievementType != null) {
            requireEnumExt(achievementType, "Achievement.achievementType", ACHIEVEMENT_TYPES);
        }
        alignment = copy(alignment);
        tag = copy(tag);
        if (creditsAvailable != null && creditsAvailable.signum() < 0) {
            throw new IllegalArgumentException("Achievement.creditsAvailable must not be negative");
        }
        optionalText(humanCode, "Achievement.humanCode");
        optionalText(fieldOfStudy, "Achievement.fieldOfStudy");
        optionalText(specialization, "Achievement.specialization");
        resultDescription = copy(resultDescription);
        optionalText(version, "Achievement.version");
        optionalText(inLanguage, "Achievement.inLanguage");
    }

    /** An achievement with only the required members; add the rest with the record's canonical constructor. */
    public static Achievement of(String id, String name, String description, Criteria criteria) {
        return new Achievement(id, name, description, criteria, null, null, null, null, null, null, null, null, null,
                null, null, null);
    }

    public JsonObject toJson() {
        var json = object().add("id", id).add("type", types("Achievement"));
        put(json, "achievementType", achievementType);
        json.add("name", name).add("description", description).add("criteria", criteria.toJson());
        if (image != null) {
            json.add("image", image.toJson());
        }
        putArray(json, "alignment", alignment, Alignment::toJson);
        putStrings(json, "tag", tag);
        put(json, "creditsAvailable", creditsAvailable);
        put(json, "humanCode", humanCode);
        put(json, "fieldOfStudy", fieldOfStudy);
        put(json, "specialization", specialization);
        putArray(json, "resultDescription", resultDescription, ResultDescription::toJson);
        put(json, "version", version);
        put(json, "inLanguage", inLanguage);
        if (creator != null) {
            json.add("creator", creator.toJson());
        }
        return json.build();
    }

    public static Achievement fromJson(JsonObject json) {
        requireType(json, "Achievement");
        JsonObject criteria = objectOrNull(json, "criteria");
        JsonValue image = json.get("image");
        JsonValue creator = json.get("creator");
        return new Achievement(required(json, "id"), required(json, "name"), required(json, "description"),
                criteria == null ? null : Criteria.fromJson(criteria), image == null ? null : Image.fromJson(image),
                string(json, "achievementType"), list(json, "alignment", Alignment::fromJson), strings(json, "tag"),
                number(json, "creditsAvailable"), string(json, "humanCode"), string(json, "fieldOfStudy"),
                string(json, "specialization"), list(json, "resultDescription", ResultDescription::fromJson),
                string(json, "version"), string(json, "inLanguage"),
                creator == null ? null : Profile.fromJson(creator));
    }
}
