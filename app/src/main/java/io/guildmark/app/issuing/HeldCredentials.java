package io.guildmark.app.issuing;

import java.util.UUID;

import io.guildmark.app.organizations.Organization;
import io.guildmark.app.organizations.Organizations;
import io.guildmark.app.shared.Problem;
import io.guildmark.credentials.baking.BakedCredential;
import io.guildmark.credentials.baking.BakingException;
import io.guildmark.credentials.baking.PngBaker;
import io.guildmark.credentials.verify.VerificationReport;
import org.springframework.stereotype.Service;

/**
 * An award's files and its live check, for features that hand a person's badges on (exports, shared presentations)
 * without reaching into how issuing stores, bakes or verifies them.
 */
@Service
public class HeldCredentials {

    private final Awards awards;
    private final Organizations organizations;
    private final BadgeDesigns designs;
    private final LocalVerification verification;
    private final PngBaker png = new PngBaker();

    HeldCredentials(Awards awards, Organizations organizations, BadgeDesigns designs, LocalVerification verification) {
        this.awards = awards;
        this.organizations = organizations;
        this.designs = designs;
        this.verification = verification;
    }

    /** The signed OB 3.0 credential (JSON-LD, eddsa-rdfc-2022 proof) as issued. */
    public String signedCredential(UUID awardId) {
        return awards.signedCredential(awardId).orElseThrow(() -> Problem.notFound("The credential"));
    }

    /** The same credential as a VC-JWT. */
    public String jwt(UUID awardId) {
        return awards.jwt(awardId).orElseThrow(() -> Problem.notFound("The credential"));
    }

    /** The badge design as a PNG with the signed credential baked in (OB 3.0 baking), as the badge page serves it. */
    public byte[] bakedPng(Award award) {
        String credential = signedCredential(award.id());
        Organization org = organizations.findById(award.organizationId()).orElseThrow();
        String name = StatusLists.parse(credential).getString("name", "Badge");
        try {
            return png.bake(designs.png(award, org, name), credential, BakedCredential.Format.OB3_JSON);
        } catch (BakingException e) {
            throw new IllegalStateException("Could not bake the badge " + award.id(), e);
        }
    }

    /** The credential checked as an outside verifier would, live (revocation and key retirement count at once). */
    public VerificationReport check(Award award) {
        return verification.verify(award, signedCredential(award.id()));
    }

    /** The check in one word, as badge pages say it: verified, revoked, expired or failed. */
    public static String verdict(VerificationReport report) {
        return CredentialPage.verdict(report);
    }
}
