package io.guildmark.app.organizations;

import java.util.Locale;

import io.guildmark.app.shared.CurrentActor;
import org.springframework.stereotype.Component;

/**
 * Which of an organization's tabs the signed-in actor may open, so pages show only those
 * ({@code ${@organizationTabs.shows(org, 'learners')}} in the tabs fragment). The pages behind the tabs check the
 * same permissions themselves; hiding a tab is a courtesy, not the protection.
 */
@Component("organizationTabs")
public class OrganizationTabs {

    private final Organizations organizations;
    private final IssuerApprovals approvals;

    OrganizationTabs(Organizations organizations, IssuerApprovals approvals) {
        this.organizations = organizations;
        this.approvals = approvals;
    }

    /** The banner staff see while the operator has not approved the organization as an issuer, or null. */
    public @org.jspecify.annotations.Nullable String vettingNotice(Organization org) {
        IssuerApprovals.Approval approval = approvals.of(org.id());
        return approval.approved() ? null : switch (approval.state()) {
            case PENDING -> "This organization is awaiting approval by the platform operator. You can prepare micro-credentials now;"
                    + " issuing credentials is possible once it is approved.";
            case REJECTED -> "The platform operator did not approve this organization as an issuer"
                    + (approval.note() == null ? "." : ": " + approval.note()) + " It cannot issue credentials.";
            case SUSPENDED -> "The platform operator has suspended this organization as an issuer"
                    + (approval.note() == null ? "." : ": " + approval.note()) + " It cannot issue credentials for now.";
            case APPROVED -> null;
        };
    }

    /** Whether the tab with this id is shown to the current actor. */
    public boolean shows(Organization org, String tab) {
        Permission needed = permission(tab);
        return CurrentActor.find().map(actor -> organizations.allowed(actor, org.id(), needed)).orElse(false);
    }

    /** The permission the page behind each tab requires. */
    static Permission permission(String tab) {
        return switch (tab.toLowerCase(Locale.ROOT)) {
            case "learners", "awards", "payments" -> Permission.SEE_LEARNERS;
            case "submissions", "completions" -> Permission.ISSUE;
            case "demonstrations" -> Permission.REVIEW;
            case "members" -> Permission.MANAGE_MEMBERS;
            case "api-keys" -> Permission.MANAGE_API_KEYS;
            case "webhooks" -> Permission.MANAGE_WEBHOOKS;
            case "keys", "settings" -> Permission.MANAGE_ORGANIZATION;
            case "audit" -> Permission.SEE_AUDIT;
            case "talent" -> Permission.FIND_TALENT;
            case "reports" -> Permission.SEE_REPORTS;
            default -> Permission.VIEW;
        };
    }
}
