package io.guildmark.app.catalog;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.guildmark.app.shared.Problem;
import org.jspecify.annotations.Nullable;

/**
 * The editor form, as the browser sends it: text everywhere, with repeatable alignment and requirement rows bound
 * as {@code alignments[0].targetName} and {@code requirements[0].kind}. A mutable bean, because Spring binds indexed
 * rows into beans.
 */
class AchievementForm {

    /** One alignment row of the form. */
    public static class AlignmentRow {
        private String targetName = "";
        private String targetUrl = "";
        private String targetFramework = "";
        private String targetCode = "";
        private String targetType = "";
        private String targetDescription = "";

        public String getTargetName() { return targetName; }
        public void setTargetName(String v) { targetName = nn(v); }
        public String getTargetUrl() { return targetUrl; }
        public void setTargetUrl(String v) { targetUrl = nn(v); }
        public String getTargetFramework() { return targetFramework; }
        public void setTargetFramework(String v) { targetFramework = nn(v); }
        public String getTargetCode() { return targetCode; }
        public void setTargetCode(String v) { targetCode = nn(v); }
        public String getTargetType() { return targetType; }
        public void setTargetType(String v) { targetType = nn(v); }
        public String getTargetDescription() { return targetDescription; }
        public void setTargetDescription(String v) { targetDescription = nn(v); }
    }

    /** One earning requirement row of the form. */
    public static class RequirementRow {
        private String kind = "assessment";
        private String description = "";

        public String getKind() { return kind; }
        public void setKind(String v) { kind = nn(v); }
        public String getDescription() { return description; }
        public void setDescription(String v) { description = nn(v); }
    }

    private String name = "";
    private String description = "";
    private String achievementType = "MicroCredential";
    private String criteria = "";
    private String tags = "";
    private String estimatedHours = "";
    private String creditValue = "";
    private String creditType = "";
    private String validityMonths = "";
    private String memberPrice = "";
    private String nonMemberPrice = "";
    private String currency = "USD";
    private String humanCode = "";
    private String imageUrl = "";
    private List<AlignmentRow> alignments = new ArrayList<>();
    private List<RequirementRow> requirements = new ArrayList<>();

    public String getName() { return name; }
    public void setName(String v) { name = nn(v); }
    public String getDescription() { return description; }
    public void setDescription(String v) { description = nn(v); }
    public String getAchievementType() { return achievementType; }
    public void setAchievementType(String v) { achievementType = nn(v); }
    public String getCriteria() { return criteria; }
    public void setCriteria(String v) { criteria = nn(v); }
    public String getTags() { return tags; }
    public void setTags(String v) { tags = nn(v); }
    public String getEstimatedHours() { return estimatedHours; }
    public void setEstimatedHours(String v) { estimatedHours = nn(v); }
    public String getCreditValue() { return creditValue; }
    public void setCreditValue(String v) { creditValue = nn(v); }
    public String getCreditType() { return creditType; }
    public void setCreditType(String v) { creditType = nn(v); }
    public String getValidityMonths() { return validityMonths; }
    public void setValidityMonths(String v) { validityMonths = nn(v); }
    public String getMemberPrice() { return memberPrice; }
    public void setMemberPrice(String v) { memberPrice = nn(v); }
    public String getNonMemberPrice() { return nonMemberPrice; }
    public void setNonMemberPrice(String v) { nonMemberPrice = nn(v); }
    public String getCurrency() { return currency; }
    public void setCurrency(String v) { currency = nn(v); }
    public String getHumanCode() { return humanCode; }
    public void setHumanCode(String v) { humanCode = nn(v); }
    public String getImageUrl() { return imageUrl; }
    public void setImageUrl(String v) { imageUrl = nn(v); }
    public List<AlignmentRow> getAlignments() { return alignments; }
    public void setAlignments(List<AlignmentRow> v) { alignments = v == null ? new ArrayList<>() : v; }
    public List<RequirementRow> getRequirements() { return requirements; }
    public void setRequirements(List<RequirementRow> v) { requirements = v == null ? new ArrayList<>() : v; }

    /** A form showing a definition. */
    static AchievementForm of(AchievementDefinition d) {
        AchievementForm f = new AchievementForm();
        f.name = d.name();
        f.description = d.description();
        f.achievementType = d.achievementType();
        f.criteria = d.criteriaNarrative();
        f.tags = String.join(", ", d.tags());
        f.estimatedHours = plain(d.estimatedHours());
        f.creditValue = plain(d.creditValue());
        f.creditType = d.creditType() == null ? "" : d.creditType();
        f.validityMonths = d.validityMonths() == null ? "" : d.validityMonths().toString();
        f.currency = d.currency();
        f.memberPrice = nn(Money.toMajor(d.memberPrice(), d.currency()));
        f.nonMemberPrice = nn(Money.toMajor(d.nonMemberPrice(), d.currency()));
        f.humanCode = d.humanCode() == null ? "" : d.humanCode();
        f.imageUrl = d.imageUrl() == null ? "" : d.imageUrl();
        for (AchievementDefinition.Alignment a : d.alignments()) {
            AlignmentRow row = new AlignmentRow();
            row.setTargetName(a.targetName());
            row.setTargetUrl(a.targetUrl());
            row.setTargetFramework(a.targetFramework());
            row.setTargetCode(a.targetCode());
            row.setTargetType(a.targetType());
            row.setTargetDescription(a.targetDescription());
            f.alignments.add(row);
        }
        for (EarningRequirement r : d.requirements()) {
            RequirementRow row = new RequirementRow();
            row.setKind(r.kind());
            row.setDescription(r.description());
            f.requirements.add(row);
        }
        return f;
    }

    /** Gives the form at least one empty row of each repeatable kind, so a new one can be typed in. */
    AchievementForm withSpareRows() {
        if (alignments.isEmpty()) alignments.add(new AlignmentRow());
        if (requirements.isEmpty()) requirements.add(new RequirementRow());
        return this;
    }

    /**
     * The definition this form describes, or a {@link Problem} listing every invalid field (keys as in the API).
     * Empty rows are ignored; requirement rows without a description are dropped.
     */
    AchievementDefinition toDefinition() {
        Map<String, String> errors = new LinkedHashMap<>();
        String cur = currency.isBlank() ? "USD" : currency.strip().toUpperCase(java.util.Locale.ROOT);
        BigDecimal hours = CatalogInterchange.parseDecimal(estimatedHours, "estimatedHours", errors);
        BigDecimal credits = CatalogInterchange.parseDecimal(creditValue, "creditValue", errors);
        Integer months = CatalogInterchange.parseInt(validityMonths, "validityMonths", errors);
        Long member = Money.toMinor(memberPrice, cur, "memberPrice", errors);
        Long nonMember = Money.toMinor(nonMemberPrice, cur, "nonMemberPrice", errors);
        List<AchievementDefinition.Alignment> aligned = new ArrayList<>();
        for (AlignmentRow row : alignments) {
            aligned.add(new AchievementDefinition.Alignment(row.targetName, row.targetUrl, row.targetFramework, row.targetCode,
                    row.targetDescription, row.targetType));
        }
        List<EarningRequirement> required = new ArrayList<>();
        for (int i = 0; i < requirements.size(); i++) {
            RequirementRow row = requirements.get(i);
            if (row.description.isBlank()) continue;
            EarningRequirement r = EarningRequirement.of(row.kind, row.description);
            if (r == null) errors.put("requirements[" + i + "].kind", "Choose a kind.");
            else required.add(r);
        }
        try {
            AchievementDefinition d = new AchievementDefinition(name, description, achievementType, criteria, aligned,
                    Arrays.asList(tags.split(",")), hours, credits, creditType, months, member, nonMember, cur, null, imageUrl,
                    humanCode, required);
            if (!errors.isEmpty()) throw Problem.invalidFields(errors);
            return d;
        } catch (Problem p) {
            p.fieldErrors().forEach(e -> errors.putIfAbsent(rowKey(e.field()), e.message()));
            throw Problem.invalidFields(errors);
        }
    }

    /**
     * The definition drops empty alignment rows before numbering them; the form numbers every row. Maps a definition's
     * {@code alignments[n]} back to the form row it came from.
     */
    private String rowKey(String field) {
        if (!field.startsWith("alignments[")) return field;
        int close = field.indexOf(']');
        int n = Integer.parseInt(field.substring("alignments[".length(), close));
        int seen = -1;
        for (int i = 0; i < alignments.size(); i++) {
            AlignmentRow r = alignments.get(i);
            boolean empty = (r.targetName + r.targetUrl + r.targetFramework + r.targetCode + r.targetType + r.targetDescription).isBlank();
            if (!empty && ++seen == n) return "alignments[" + i + "]" + field.substring(close + 1);
        }
        return field;
    }

    private static String plain(@Nullable BigDecimal value) {
        return value == null ? "" : value.toPlainString();
    }

    private static String nn(@Nullable String value) {
        return value == null ? "" : value;
    }
}
