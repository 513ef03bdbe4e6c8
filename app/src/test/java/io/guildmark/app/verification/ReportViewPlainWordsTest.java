package io.guildmark.app.verification;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import io.guildmark.credentials.verify.Check;
import io.guildmark.credentials.verify.CheckStatus;
import io.guildmark.credentials.verify.VerificationReport;
import org.junit.jupiter.api.Test;

/** The /verify page's words: human dates, no key ids, the verifier's own message kept for the details. */
class ReportViewPlainWordsTest {

    private static final VerificationReport.Details ACME = new VerificationReport.Details("urn:uuid:1", "did:web:acme.example",
            "Acme Guild", "Welding", "Jane Doe", Instant.parse("2026-01-15T09:30:00Z"), Instant.parse("2027-01-15T00:00:00Z"), "JSON");

    @Test
    void timestampsBecomeDatesAsPeopleWriteThem() {
        assertThat(ReportView.plain("Valid since 2026-01-15T09:30:00Z.")).isEqualTo("Valid since 15 January 2026.");
        assertThat(ReportView.plain("Verified: Welding issued by Acme Guild to Jane Doe on 2026-01-15."))
                .isEqualTo("Verified: Welding issued by Acme Guild to Jane Doe on 15 January 2026.");
    }

    @Test
    void aWithdrawnKeyIsSaidInPlainWordsWithTheDay() {
        Check check = new Check(Check.ISSUER_KEY, CheckStatus.FAILED, "KEY_REVOKED",
                "Key did:web:acme.example#key-1 was revoked on 2026-12-03T21:14:07.123Z.");
        assertThat(ReportView.message(check, ACME))
                .isEqualTo("This badge was signed with a key its issuer withdrew on 3 December 2026, so Acme Guild no longer vouches for it.");
    }

    @Test
    void keyIdsAreLeftOutButABadgeAddressWithAFragmentIsKept() {
        assertThat(ReportView.plain("The proof's key did:web:acme.example#key-1 is unknown."))
                .isEqualTo("The proof's key a key of the issuer is unknown.").doesNotContain("#key-1");
        Check fetch = new Check(Verification.FETCH, CheckStatus.PASSED, "FETCHED", "Fetched the badge from https://acme.example/b#top.");
        assertThat(ReportView.message(fetch, ACME)).isEqualTo("Fetched the badge from https://acme.example/b#top.");
    }

    @Test
    void anExpiredBadgeSaysWhen() {
        Check check = new Check(Check.VALID_UNTIL, CheckStatus.FAILED, "EXPIRED", "The credential expired on 2027-01-15T00:00:00Z.");
        assertThat(ReportView.message(check, ACME)).isEqualTo("This badge expired on 15 January 2027.");
    }
}
