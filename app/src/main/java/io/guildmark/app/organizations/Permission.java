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
    /** Read the Reports tab and its API: awards, funnel, assessments, reviews, pathways, revenue and engagement. */
    SEE_REPORTS;

    /** API keys act for integrations: everything but managing people and keys. */
    boolean grantedToApiKeys() {
        return this != MANAGE_MEMBERS && this != MANAGE_API_KEYS;
    }
}
