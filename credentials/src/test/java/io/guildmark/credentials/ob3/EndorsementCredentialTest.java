package io.guildmark.credentials.ob3;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class EndorsementCredentialTest {

    static EndorsementCredential endorsement() {
        return EndorsementCredential.of("https://badges.example.org/endorsements/12", "Acme Fabrication endorses MIG 1",
                Profile.of("did:web:badges.example.org:issuers:acme-fabrication", "Acme Fabrication"),
                Instant.parse("2026-11-01T00:00:00Z"), "https://badges.example.org/achievements/mig-1",
                "We hire holders of this badge.");
    }

    @Test
    void serializedEndorsementPassesTheEndorsementSchema() {
        assertThat(SchemaCheck.errors(SchemaCheck.ENDORSEMENT_CREDENTIAL, endorsement().toJson())).isEmpty();
    }

    @Test
    void roundTripThroughJsonKeepsEveryValue() {
        assertThat(EndorsementCredential.fromJson(endorsement().toJson())).isEqualTo(endorsement());
    }

    @Test
    void readsThe1EdTechExample() {
        JsonObject example = AchievementCredentialTest.resource("/vectors/examples/endorsement.json");

        EndorsementCredential endorsement = EndorsementCredential.fromJson(example);

        assertThat(endorsement.subjectId())
                .isEqualTo(example.getJsonObject("credentialSubject").getString("id"));
    }

    @Test
    void endorsementInsideAnAchievementCredentialSurvivesTheRoundTrip() {
        AchievementCredential base = Ob3Fixture.credential();
        AchievementCredential endorsed = new AchievementCredential(base.id(), base.name(), base.description(),
                base.image(), base.issuer(), base.validFrom(), base.validUntil(), base.awardedDate(),
                base.credentialSubject(), base.evidence(), base.credentialStatus(), null,
                java.util.List.of(endorsement()), null);

        assertThat(AchievementCredential.fromJson(endorsed.toJson())).isEqualTo(endorsed);
        assertThat(SchemaCheck.errors(SchemaCheck.ACHIEVEMENT_CREDENTIAL, endorsed.toJson())).isEmpty();
    }
}
