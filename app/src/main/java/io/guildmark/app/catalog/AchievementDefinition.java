package io.guildmark.app.catalog;

import java.math.BigDecimal;
import java.net.URI;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import io.guildmark.app.shared.Problem;
import io.guildmark.app.shared.Decimals;
import org.jspecify.annotations.Nullable;

/**
 * What a micro-credential is: everything the catalog shows and an issuer prints into an Open Badges 3.0
 * {@code Achievement}. An instance is always valid: the constructor trims and normalizes its input and throws
 * {@link Problem#invalidFields} listing every invalid field (keys as in the JSON API, such as
 * {@code alignments[0].targetUrl}).
 *
 * @param estimatedHours how long earning it takes a typical learner
 * @param creditValue continuing-education credit it carries, in units of {@code creditType}
 * @param validityMonths how long an award stays valid; {@code null} for no expiry
 * @param memberPrice price for members in the currency's minor unit (cents)
 * @param nonMemberPrice price for non-members in the currency's minor unit (cents)
 * @param currency ISO 4217 code, {@code USD} when not given
 * @param imageKey the uploaded badge image (a {@code FileStore} key); wins over {@code imageUrl}
 * @param imageUrl an http(s) address of the badge image, when none is uploaded
 */
public record AchievementDefinition(
        String name,
        String description,
        String achievementType,
        String criteriaNarrative,
        List<Alignment> alignments,
        List<String> tags,
        @Nullable BigDecimal estimatedHours,
        @Nullable BigDecimal creditValue,
        @Nullable String creditType,
        @Nullable Integer validityMonths,
        @Nullable Long memberPrice,
        @Nullable Long nonMemberPrice,
        String currency,
        @Nullable String imageKey,
        @Nullable String imageUrl,
        @Nullable String humanCode,
        List<EarningRequirement> requirements) {

    public static final int MAX_NAME = 200;
    public static final int MAX_DESCRIPTION = 10_000;
    public static final int MAX_CRITERIA = 10_000;
    public static final int MAX_TAGS = 20;
    public static final int MAX_TAG = 50;
    public static final int MAX_ALIGNMENTS = 50;
    public static final int MAX_REQUIREMENTS = 20;
    public static final BigDecimal MAX_HOURS = new BigDecimal("10000");

    /** The Open Badges 3.0 AchievementType vocabulary; {@code ext:} + a name extends it. */
    public static final List<String> ACHIEVEMENT_TYPES = List.of("Achievement", "ApprenticeshipCertificate", "Assessment",
            "Assignment", "AssociateDegree", "Award", "Badge", "BachelorDegree", "Certificate", "CertificateOfCompletion",
            "Certification", "CommunityService", "Competency", "Course", "CoCurricular", "Degree", "Diploma",
            "DoctoralDegree", "Fieldwork", "GeneralEducationDevelopment", "JourneymanCertificate", "LearningProgram",
            "License", "Membership", "ProfessionalDoctorate", "QualityAssuranceCredential", "MasterCertificate",
            "MasterDegree", "MicroCredential", "ResearchDoctorate", "SecondarySchoolDiploma");

    /** The Open Badges 3.0 AlignmentTargetType vocabulary. */
    public static final List<String> ALIGNMENT_TARGET_TYPES = List.of("ceasn:Competency", "ceterms:Credential", "CFItem",
            "CFRubric", "CFRubricCriterion", "CFRubricCriterionLevel", "CTDL");

    /** Credit types offered in forms; any other text up to 30 characters is accepted too. */
    public static final List<String> CREDIT_TYPES = List.of("CEU", "PDU", "CPE", "CLE", "CME", "CE", "contact hours");

    private static final Pattern EXTENSION_TYPE = Pattern.compile("ext:[A-Za-z0-9.\\-_|]+");
    private static final Pattern HUMAN_CODE = Pattern.compile("[\\p{L}\\p{N} ._\\-/:#]{1,50}");

    /** A competency or standard this micro-credential is aligned to (OB 3.0 {@code Alignment}). */
    public record Alignment(String targetName, String targetUrl, @Nullable String targetFramework, @Nullable String targetCode,
            @Nullable String targetDescription, @Nullable String targetType) {

        public Alignment {
            targetName = strip(targetName);
            targetUrl = strip(targetUrl);
            targetFramework = blankToNull(targetFramework);
            targetCode = blankToNull(targetCode);
            targetDescription = blankToNull(targetDescription);
            targetType = blankToNull(targetType);
        }

        /** True when every field is empty, as the spare row of a form is. */
        public boolean blank() {
            return targetName.isEmpty() && targetUrl.isEmpty() && targetFramework == null && targetCode == null
                    && targetDescription == null && targetType == null;
        }
    }

    public AchievementDefinition {
        Map<String, String> errors = new LinkedHashMap<>();
        name = strip(name);
        if (name.isEmpty()) errors.put("name", "Enter a name.");
        else if (name.length() > MAX_NAME) errors.put("name", "Keep the name to " + MAX_NAME + " characters or fewer.");

        description = strip(description);
        if (description.isEmpty()) errors.put("description", "Enter a description.");
        else if (description.length() > MAX_DESCRIPTION) errors.put("description", "Keep the description to 10,000 characters or fewer.");

        achievementType = strip(achievementType);
        if (achievementType.isEmpty()) achievementType = "MicroCredential";
        if (!ACHIEVEMENT_TYPES.contains(achievementType) && !EXTENSION_TYPE.matcher(achievementType).matches()) {
            errors.put("achievementType", "Choose a type from the Open Badges 3.0 list, or write ext: followed by a name (letters, digits, . - _ |).");
        }

        criteriaNarrative = strip(criteriaNarrative);
        if (criteriaNarrative.isEmpty()) errors.put("criteria.narrative", "Describe what a learner must do to earn it.");
        else if (criteriaNarrative.length() > MAX_CRITERIA) errors.put("criteria.narrative", "Keep the criteria to 10,000 characters or fewer.");

        alignments = alignments == null ? List.of() : alignments.stream().filter(a -> a != null && !a.blank()).toList();
        if (alignments.size() > MAX_ALIGNMENTS) errors.put("alignments", "At most " + MAX_ALIGNMENTS + " alignments.");
        for (int i = 0; i < alignments.size(); i++) {
            Alignment a = alignments.get(i);
            String at = "alignments[" + i + "].";
            if (a.targetName().isEmpty()) errors.put(at + "targetName", "Enter the competency's name.");
            else if (a.targetName().length() > 500) errors.put(at + "targetName", "Keep the name to 500 characters or fewer.");
            if (!isWebAddress(a.targetUrl())) errors.put(at + "targetUrl", "Enter the competency's web address (http or https).");
            if (a.targetFramework() != null && a.targetFramework().length() > 200) errors.put(at + "targetFramework", "Keep the framework to 200 characters or fewer.");
            if (a.targetCode() != null && a.targetCode().length() > 100) errors.put(at + "targetCode", "Keep the code to 100 characters or fewer.");
            if (a.targetDescription() != null && a.targetDescription().length() > 2000) errors.put(at + "targetDescription", "Keep the description to 2,000 characters or fewer.");
            if (a.targetType() != null && !ALIGNMENT_TARGET_TYPES.contains(a.targetType())) {
                errors.put(at + "targetType", "Choose one of " + String.join(", ", ALIGNMENT_TARGET_TYPES) + ", or leave it empty.");
            }
        }

        Set<String> cleanTags = new LinkedHashSet<>();
        Set<String> seen = new java.util.HashSet<>();
        for (String tag : tags == null ? List.<String>of() : tags) {
            String t = tag == null ? "" : tag.strip().replaceAll("\\s+", " ");
            if (t.isEmpty()) continue;
            if (t.length() > MAX_TAG) errors.putIfAbsent("tags", "Each tag is at most " + MAX_TAG + " characters (\"" + abbreviate(t) + "\" is longer).");
            else if (t.contains(";") || t.contains(",")) errors.putIfAbsent("tags", "Tags may not contain commas or semicolons.");
            else if (seen.add(t.toLowerCase(Locale.ROOT))) cleanTags.add(t);
        }
        if (cleanTags.size() > MAX_TAGS) errors.putIfAbsent("tags", "At most " + MAX_TAGS + " tags.");
        tags = List.copyOf(cleanTags);

        if (estimatedHours != null && !Decimals.isReasonable(estimatedHours)) {
            errors.put("estimatedHours", "Estimated hours must be between 0 and 10,000, with at most " + Decimals.MAX_FRACTION_DIGITS + " decimals.");
            estimatedHours = null;
        }
        estimatedHours = normalize(estimatedHours);
        if (estimatedHours != null && (estimatedHours.signum() < 0 || estimatedHours.compareTo(MAX_HOURS) > 0)) {
            errors.put("estimatedHours", "Estimated hours must be between 0 and 10,000.");
        }
        if (creditValue != null && !Decimals.isReasonable(creditValue)) {
            errors.put("creditValue", "Credit value must be at most 10,000, with at most " + Decimals.MAX_FRACTION_DIGITS + " decimals.");
            creditValue = null;
        }
        creditValue = normalize(creditValue);
        if (creditValue != null && creditValue.signum() < 0) errors.put("creditValue", "Credit value cannot be negative.");
        if (creditValue != null && creditValue.compareTo(MAX_HOURS) > 0) errors.put("creditValue", "Credit value must be at most 10,000.");
        creditType = blankToNull(creditType);
        if (creditType != null && creditType.length() > 30) errors.put("creditType", "Keep the credit type to 30 characters or fewer.");
        if (creditValue != null && creditType == null) errors.put("creditType", "Say what kind of credit this is (CEU, PDU, CPE, …).");
        if (creditType != null && creditValue == null) errors.putIfAbsent("creditValue", "Enter the credit value for " + creditType + ".");

        if (validityMonths != null && (validityMonths < 1 || validityMonths > 1200)) {
            errors.put("validityMonths", "Validity is a whole number of months from 1 to 1,200, or empty for no expiry.");
        }
        if (memberPrice != null && memberPrice < 0) errors.put("memberPrice", "The member price cannot be negative.");
        if (nonMemberPrice != null && nonMemberPrice < 0) errors.put("nonMemberPrice", "The non-member price cannot be negative.");
        currency = strip(currency).toUpperCase(Locale.ROOT);
        if (currency.isEmpty()) currency = "USD";
        if (!isCurrency(currency)) errors.put("currency", "Use a three-letter ISO 4217 currency code, such as USD or EUR.");

        imageKey = blankToNull(imageKey);
        imageUrl = blankToNull(imageUrl);
        if (imageUrl != null && !isWebAddress(imageUrl)) errors.put("image", "The image address must start with http:// or https://.");
        humanCode = blankToNull(humanCode);
        if (humanCode != null && !HUMAN_CODE.matcher(humanCode).matches()) {
            errors.put("humanCode", "The code is at most 50 letters, digits, spaces or . _ - / : #.");
        }

        requirements = requirements == null ? List.of() : requirements.stream().filter(r -> r != null).toList();
        if (requirements.size() > MAX_REQUIREMENTS) errors.put("requirements", "At most " + MAX_REQUIREMENTS + " requirements.");
        for (int i = 0; i < requirements.size(); i++) {
            String d = requirements.get(i).description();
            if (d.isEmpty()) errors.put("requirements[" + i + "].description", "Describe this requirement.");
            else if (d.length() > EarningRequirement.MAX_DESCRIPTION) errors.put("requirements[" + i + "].description", "Keep it to 2,000 characters or fewer.");
        }
        if (!errors.isEmpty()) throw Problem.invalidFields(errors);
    }

    /** A definition with only the required parts; the rest empty. */
    public static AchievementDefinition of(String name, String description, String achievementType, String criteria) {
        return new AchievementDefinition(name, description, achievementType, criteria, List.of(), List.of(), null, null, null,
                null, null, null, "USD", null, null, null, List.of());
    }

    /** The same definition with another uploaded image. */
    public AchievementDefinition withImageKey(@Nullable String key) {
        return new AchievementDefinition(name, description, achievementType, criteriaNarrative, alignments, tags, estimatedHours,
                creditValue, creditType, validityMonths, memberPrice, nonMemberPrice, currency, key, imageUrl, humanCode, requirements);
    }

    /**
     * A SHA-256 (hex) of the definition as it is stored: equal definitions have equal hashes, and any change to a
     * field changes it. Co-design signs off a revision by it.
     */
    public String contentHash() {
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(DefinitionJson.write(this).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(digest);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public boolean hasImage() {
        return imageKey != null || imageUrl != null;
    }

    /** Whether any alignment mentions the text in its name, code or framework (case-insensitive). */
    public boolean alignedTo(String text) {
        String needle = text.toLowerCase(Locale.ROOT);
        return alignments.stream().anyMatch(a -> contains(a.targetName(), needle) || contains(a.targetCode(), needle)
                || contains(a.targetFramework(), needle));
    }

    /** Whether name, description, criteria, code or any tag or alignment mentions the text (case-insensitive). */
    public boolean mentions(String text) {
        String needle = text.toLowerCase(Locale.ROOT);
        return contains(name, needle) || contains(description, needle) || contains(criteriaNarrative, needle)
                || contains(humanCode, needle) || tags.stream().anyMatch(t -> contains(t, needle)) || alignedTo(text);
    }

    public boolean taggedWith(String tag) {
        return tags.stream().anyMatch(t -> t.equalsIgnoreCase(tag.strip()));
    }

    static boolean isWebAddress(@Nullable String value) {
        if (value == null || value.length() > 2000) return false;
        try {
            URI uri = new URI(value);
            return ("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))
                    && uri.getHost() != null && !uri.getHost().isEmpty();
        } catch (Exception e) {
            return false;
        }
    }

    private static boolean isCurrency(String code) {
        if (code.length() != 3) return false;
        try {
            Currency.getInstance(code);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static @Nullable BigDecimal normalize(@Nullable BigDecimal value) {
        if (value == null) return null;
        return Decimals.normalized(value);
    }

    private static boolean contains(@Nullable String haystack, String needle) {
        return haystack != null && haystack.toLowerCase(Locale.ROOT).contains(needle);
    }

    private static String abbreviate(String value) {
        return value.length() <= 20 ? value : value.substring(0, 20) + "…";
    }

    static String strip(@Nullable String value) {
        return value == null ? "" : value.strip();
    }

    static @Nullable String blankToNull(@Nullable String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
