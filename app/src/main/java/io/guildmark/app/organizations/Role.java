package io.guildmark.app.organizations;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

import io.guildmark.app.shared.Problem;

/** What a member may do in one organization. A person may hold several roles. */
public enum Role {
    OWNER("Owner", "everything, including removing other owners"),
    ADMIN("Admin", "settings, members and API keys"),
    DESIGNER("Designer", "designs and publishes micro-credentials"),
    REVIEWER("Reviewer", "reviews learners' submissions"),
    ISSUER("Issuer", "awards and revokes badges"),
    /** An employer's recruiter: checks candidates' badges and searches learners who chose to be findable. */
    RECRUITER("Recruiter", "checks candidates' badges and finds verified talent (employers)"),
    /** An employer's voice in a program: comments on drafts, signs them off and endorses micro-credentials. */
    ENDORSER("Endorser", "co-designs and endorses micro-credentials (employers)");

    private final String label;
    private final String description;

    Role(String label, String description) {
        this.label = label;
        this.description = description;
    }

    public String label() {
        return label;
    }

    public String description() {
        return description;
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Role parse(String value) {
        try {
            return Role.valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (RuntimeException e) {
            throw Problem.invalidField("role", "Unknown role \"" + value + "\"; use owner, admin, designer, reviewer, issuer, recruiter or endorser.");
        }
    }

    /** The roles that grant a permission. */
    static Set<Role> granting(Permission permission) {
        return switch (permission) {
            case VIEW -> EnumSet.allOf(Role.class);
            case MANAGE_ORGANIZATION, MANAGE_MEMBERS, MANAGE_API_KEYS, MANAGE_ROSTER, SEE_AUDIT, MANAGE_WEBHOOKS, SEE_REPORTS -> EnumSet.of(OWNER, ADMIN);
            case DESIGN -> EnumSet.of(OWNER, ADMIN, DESIGNER);
            case ISSUE -> EnumSet.of(OWNER, ADMIN, ISSUER);
            case REVIEW -> EnumSet.of(OWNER, ADMIN, REVIEWER);
            case SEE_LEARNERS -> EnumSet.of(OWNER, ADMIN, ISSUER);
            case MANAGE_PARTNERS -> EnumSet.of(OWNER, ADMIN);
            case ENDORSE -> EnumSet.of(OWNER, ADMIN, ENDORSER);
            case CO_DESIGN -> EnumSet.of(OWNER, ADMIN, DESIGNER, ENDORSER);
            case FIND_TALENT -> EnumSet.of(OWNER, ADMIN, RECRUITER);
        };
    }
}
