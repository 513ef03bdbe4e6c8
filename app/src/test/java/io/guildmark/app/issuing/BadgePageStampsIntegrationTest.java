package io.guildmark.app.issuing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;

import io.guildmark.app.shared.Actor;
import io.guildmark.app.support.Api;
import io.guildmark.app.support.Catalog;
import io.guildmark.app.support.Fixtures;
import io.guildmark.app.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A badge page's stamp (the one query a saved page costs) changes with everything the page shows or checks, and with
 * nothing else: the same stamp twice when nothing changed, a new one after a revocation, a key retirement, an
 * acceptance or a visibility change.
 */
class BadgePageStampsIntegrationTest extends IntegrationTest {

    @Autowired
    private BadgePageStamps stamps;
    @Autowired
    private IssuerKeys keys;
    @Autowired
    private org.springframework.context.ApplicationContext context;

    private String slug;
    private Api key;
    private UUID awardId;

    @BeforeEach
    void anAward() {
        slug = Fixtures.createOrganization(admin(), "stamps");
        key = api().withToken(Fixtures.createApiKey(admin(), slug));
        String achievementId = Catalog.publishedMicroCredential(key, slug, "Keep Minutes");
        awardId = UUID.fromString(key.post("/api/v1/organizations/" + slug + "/awards", Map.of("achievementId", achievementId,
                "recipient", Map.of("email", Fixtures.uniqueEmail("stamp"), "name", "Sam Stamp"))).json().get("id").asText());
    }

    @Test
    void theStampIsTheSameWhileNothingChangesAndNewAfterARevocation() {
        var before = stamps.of(awardId).orElseThrow();
        assertThat(stamps.of(awardId)).hasValue(before);
        assertThat(before.award().id()).isEqualTo(awardId);

        assertThat(key.post("/api/v1/awards/" + awardId + "/revoke", Map.of("reason", "Issued in error")).status()).isEqualTo(200);

        var after = stamps.of(awardId).orElseThrow();
        assertThat(after).isNotEqualTo(before);
        assertThat(after.award().revoked()).isTrue();
        assertThat(after.listUpdated()).isNotEqualTo(before.listUpdated());
    }

    @Test
    void aKeyRetirementChangesTheStamp() {
        var before = stamps.of(awardId).orElseThrow();
        var oldest = keys.list(new Actor.PlatformAdmin(), slug).get(0);
        keys.retire(new Actor.PlatformAdmin(), slug, oldest.id(), "Laptop stolen");
        var after = stamps.of(awardId).orElseThrow();
        assertThat(after).isNotEqualTo(before);
        assertThat(after.lastRetired()).isNotNull();
    }

    @Test
    void acceptingAndMakingTheBadgePublicChangesTheStamp() {
        var before = stamps.of(awardId).orElseThrow();
        assertThat(before.award().visibility()).isEqualTo(Visibility.PRIVATE);
        io.guildmark.app.support.Holders.acceptAndMakePublic(context, awardId);
        var after = stamps.of(awardId).orElseThrow();
        assertThat(after.award().visibility()).isEqualTo(Visibility.PUBLIC);
        assertThat(after).isNotEqualTo(before);
    }

    @Test
    void anUnknownAwardHasNoStamp() {
        assertThat(stamps.of(UUID.randomUUID())).isEmpty();
    }
}
