package io.guildmark.app.organizations;

/** Something an actor may do inside one organization. */
public enum Permission {
    /** See the organization's private pages and drafts. */
    VIEW,
    MANAGE_ORGANIZATION,
    MANAGE_MEMBERS,
    MANAGE_API_KEYS,
    /** Create, edit, publish and retire micro-credentials. */
    DESIGN,
    /** Award and revoke credentials. */
    ISSUE,
    REVIEW,
    /** Keep the membership roster (who is a member); association-management systems do it with an API key. */
    MANAGE_ROSTER,
    /**
     * See who the learners are: the Learners and Awards tabs and their APIs (names, e-mail addresses, who earned what).
     * Reviewers do not hold it, so blind review stays blind.
     */
    SEE_LEARNERS,
    /** Search, export and verify the audit log (who did what). */
    SEE_AUDIT,
    /** Subscribe endpoints to webhooks and read their delivery log. */
    MANAGE_WEBHOOKS,
    /** Invite employers into the association's program, answer an association's invitation, end a partnership. */
    MANAGE_PARTNERS,
    /** Endorse an association's micro-credential (or the association) in the employer's name, with its own key. */
    ENDORSE,
    /** Comment on, propose changes to and sign off drafts an association shares with its employer partners. */
    CO_DESIGN,
    /**
     * Search learners of partner associations who chose to be findable, and write to them; keep batch checks of
     * candidates' badges for the employer and see its past checks.
     */
    FIND_TALENT,
    /** Read the Reports tab and its API: awards, funnel, assessments, reviews, pathways, revenue and engagement. */
    SEE_REPORTS;

    /** What only an issuing organization (an association) does. */
    boolean forIssuersOnly() {
        return this == DESIGN || this == ISSUE || this == REVIEW || this == MANAGE_ROSTER || this == SEE_LEARNERS || this == SEE_REPORTS;
    }

    /** What only an employer does. */
    boolean forEmployersOnly() {
        return this == ENDORSE || this == FIND_TALENT;
    }

    /** API keys act for integrations: everything but managing people and keys. */
    boolean grantedToApiKeys() {
        return this != MANAGE_MEMBERS && this != MANAGE_API_KEYS;
    }
}
