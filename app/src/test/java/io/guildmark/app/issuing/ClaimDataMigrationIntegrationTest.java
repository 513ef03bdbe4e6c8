package io.guildmark.app.issuing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;

import io.guildmark.app.support.Api;
import io.guildmark.app.support.Catalog;
import io.guildmark.app.support.EarningWorld;
import io.guildmark.app.support.Fixtures;
import io.guildmark.app.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.core.io.ClassPathResource;

/**
 * V5_101 undoes claims made, before claiming was bound to the recipient, by an account that has not verified the
 * award's address; claims by the address's verified owner stay. Runs the migration's own statement on rows shaped like
 * the old ones.
 */
class ClaimDataMigrationIntegrationTest extends IntegrationTest {

    @Autowired ApplicationContext context;
    @Autowired Awards awards;

    @Test
    void aClaimByAnAccountThatNeverVerifiedTheAddressIsUndoneAndTheRightfulOneKept() throws IOException {
        EarningWorld world = new EarningWorld(context, admin(), baseUrl());
        var alice = world.person("Alma Address", null);
        var bob = world.person("Bert Borrower", null);
        String slug = Fixtures.createOrganization(admin(), "migration");
        Api key = api().withToken(Fixtures.createApiKey(admin(), slug));
        String achievementId = Catalog.publishedMicroCredential(key, slug, "Migration Safety");
        UUID taken = award(key, slug, achievementId, alice.email());
        UUID rightful = award(key, slug, achievementId, alice.email());
        String oldClaim = "update awards set recipient_user_id = ?, claimed_at = ?, claim_state = 'accepted' where id = ?";
        db.sql(oldClaim).params(bob.id(), Timestamp.from(Instant.now()), taken).update();
        db.sql(oldClaim).params(alice.id(), Timestamp.from(Instant.now()), rightful).update();
        assertThat(awards.held(bob.actor())).extracting(Award::id).contains(taken);

        db.sql(undoStatement()).update();

        Award undone = awards.find(taken).orElseThrow();
        assertThat(undone.claimState()).isEqualTo("pending");
        assertThat(undone.recipientUserId()).isNull();
        assertThat(undone.claimedAt()).isNull();
        assertThat(awards.held(bob.actor())).extracting(Award::id).doesNotContain(taken);
        assertThat(awards.held(alice.actor())).extracting(Award::id).containsOnlyOnce(taken).containsOnlyOnce(rightful);
        Award kept = awards.find(rightful).orElseThrow();
        assertThat(kept.claimState()).isEqualTo("accepted");
        assertThat(kept.recipientUserId()).isEqualTo(alice.id());
    }

    /** The migration's statement that undoes claims, as written in the file. */
    private static String undoStatement() throws IOException {
        String sql = new ClassPathResource("db/migration/V5_101__award_claims.sql").getContentAsString(StandardCharsets.UTF_8);
        String withoutComments = String.join("\n", Arrays.stream(sql.split("\n")).filter(l -> !l.strip().startsWith("--")).toList());
        return Arrays.stream(withoutComments.split(";")).map(String::strip)
                .filter(s -> s.startsWith("update awards set recipient_user_id = null")).findFirst().orElseThrow();
    }

    private UUID award(Api key, String slug, String achievementId, String email) {
        Api.Response created = key.post("/api/v1/organizations/" + slug + "/awards",
                Map.of("achievementId", achievementId, "recipient", Map.of("email", email, "name", "Alma Address")));
        assertThat(created.status()).isEqualTo(201);
        return UUID.fromString(created.json().get("id").asText());
    }
}
