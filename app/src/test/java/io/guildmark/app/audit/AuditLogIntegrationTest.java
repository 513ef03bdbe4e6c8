package io.guildmark.app.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.guildmark.app.earning.Enrollment;
import io.guildmark.app.earning.Enrollments;
import io.guildmark.app.issuing.Awards;
import io.guildmark.app.issuing.IssuerKeys;
import io.guildmark.app.organizations.ApiKeys;
import io.guildmark.app.organizations.Members;
import io.guildmark.app.organizations.Role;
import io.guildmark.app.shared.Actor;
import io.guildmark.app.support.Api;
import io.guildmark.app.support.EarningWorld;
import io.guildmark.app.support.Fixtures;
import io.guildmark.app.support.IntegrationTest;
import io.guildmark.app.support.SignedInClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * "Nothing records who awarded, revoked, rotated keys, changed roles or overrode a review": now every such action is an
 * entry with its actor, chained by hashes, so that an entry altered or deleted in the database is found.
 */
class AuditLogIntegrationTest extends IntegrationTest {

    @Autowired ApplicationContext context;
    @Autowired AuditLog auditLog;
    @Autowired Awards awards;
    @Autowired IssuerKeys issuerKeys;
    @Autowired Members members;
    @Autowired ApiKeys apiKeys;
    @Autowired Enrollments enrollments;
    @Autowired TransactionTemplate transactions;

    private EarningWorld world;
    private EarningWorld.Program program;
    private Api key;
    private String base;

    @BeforeEach
    void anAssociationWithAnOwnerAKeyAndAPublishedMicroCredential() {
        world = new EarningWorld(context, admin(), baseUrl());
        program = world.program("audited", EarningWorld.onlyDemonstration());
        key = api().withToken(program.apiKey());
        base = "/api/v1/organizations/" + program.slug() + "/audit";
    }

    private String awardByKey(String name) {
        Api.Response awarded = key.post("/api/v1/organizations/" + program.slug() + "/awards", Map.of("achievementId", program.achievementId().toString(),
                "recipient", Map.of("email", Fixtures.uniqueEmail(name.toLowerCase().replaceAll("[^a-z0-9]", "")), "name", name)));
        assertThat(awarded.status()).as(awarded.body()).isEqualTo(201);
        return awarded.json().get("id").asText();
    }

    private List<AuditEntry> entries(String action) {
        return db.sql("select * from audit_entries where organization_id = ? and action = ? order by seq").params(program.organizationId(), action)
                .query(AuditChain::entry).list();
    }

    private JsonNode verify() {
        Api.Response verdict = key.get(base + "/verify");
        assertThat(verdict.status()).as(verdict.body()).isEqualTo(200);
        return verdict.json();
    }

    @Test
    void anAwardByApiKeyIsRecordedWithTheKeyAndARevocationByAPersonWithTheirAddress() {
        String awardId = awardByKey("Ada Awarded");
        List<AuditEntry> issued = entries("award.issued");
        assertThat(issued).hasSize(1);
        AuditEntry entry = issued.get(0);
        assertThat(entry.actorType()).isEqualTo("api-key");
        assertThat(entry.actorLabel()).isEqualTo("test key");
        assertThat(entry.objectId()).isEqualTo(awardId);
        assertThat(entry.changes()).contains(program.achievementId().toString()).contains("ada");

        awards.revoke(program.owner().actor(), UUID.fromString(awardId), "Awarded by mistake");
        AuditEntry revoked = entries("award.revoked").get(0);
        assertThat(revoked.actorType()).isEqualTo("person");
        assertThat(revoked.actorId()).isEqualTo(program.owner().id().toString());
        assertThat(revoked.actorLabel()).isEqualTo(program.owner().email());
        assertThat(revoked.changes()).contains("Awarded by mistake");
        // The micro-credential's publication by the key was recorded too.
        assertThat(entries("achievement.published")).singleElement().extracting(AuditEntry::actorType).isEqualTo("api-key");
    }

    @Test
    void keyRotationRoleChangesAndMarkingPaidAreRecordedWithThePersonWhoDidThem() {
        Actor.Person owner = program.owner().actor();
        issuerKeys.rotate(owner, program.slug());
        EarningWorld.Person designer = world.member(program, Role.DESIGNER, "Dana Designer", null);
        members.setRoles(owner, program.slug(), designer.id(), EnumSet.of(Role.DESIGNER, Role.ISSUER));
        db.sql("update achievement_versions set definition = replace(definition, '\"currency\"', '\"nonMemberPrice\":4900,\"currency\"') where achievement_id = ?")
                .param(program.achievementId()).update();
        Enrollment due = world.enroll(world.person("Paula Payer", null), program);
        enrollments.markPaid(owner, program.slug(), due.id());

        assertThat(entries("signing-keys.rotated")).singleElement().satisfies(e -> {
            assertThat(e.actorType()).isEqualTo("person");
            assertThat(e.actorLabel()).isEqualTo(program.owner().email());
        });
        assertThat(entries("member.roles-changed")).singleElement().satisfies(e -> {
            assertThat(e.objectId()).isEqualTo(designer.id().toString());
            assertThat(e.changes()).isEqualTo("{\"after\":[\"designer\",\"issuer\"],\"before\":[\"designer\"]}");
        });
        assertThat(entries("enrollment.marked-paid")).singleElement().satisfies(e -> {
            assertThat(e.objectId()).isEqualTo(due.id().toString());
            assertThat(e.actorLabel()).isEqualTo(program.owner().email());
            assertThat(e.changes()).contains("4900 USD");
        });
        assertThat(verify().get("intact").asBoolean()).isTrue();
    }

    @Test
    void aRolledBackActionLeavesNoEntry() {
        long before = entries("api-key.created").size();
        assertThatThrownBy(() -> transactions.executeWithoutResult(tx -> {
            apiKeys.create(program.owner().actor(), program.slug(), "Doomed key");
            throw new IllegalStateException("something after it failed");
        })).isInstanceOf(IllegalStateException.class);
        assertThat(entries("api-key.created")).hasSize((int) before);
        ApiKeys.NewApiKey kept = apiKeys.create(program.owner().actor(), program.slug(), "Kept key");
        assertThat(entries("api-key.created")).hasSize((int) before + 1);
        assertThat(entries("api-key.created").get((int) before).changes()).contains("Kept key").doesNotContain(kept.secret());
    }

    @Test
    void theChainVerifiesAndFindsARowAlteredInTheDatabase() {
        for (int i = 0; i < 3; i++) awardByKey("Chained " + i);
        JsonNode intact = verify();
        assertThat(intact.get("intact").asBoolean()).isTrue();
        long entries = intact.get("entries").asLong();
        assertThat(entries).isGreaterThanOrEqualTo(4);
        assertThat(intact.hasNonNull("firstBrokenPosition")).isFalse();

        db.sql("update audit_entries set changes = ? where organization_id = ? and position = 2")
                .params("{\"recipient\":\"someone-else@example.org\"}", program.organizationId()).update();
        JsonNode altered = verify();
        assertThat(altered.get("intact").asBoolean()).isFalse();
        assertThat(altered.get("firstBrokenPosition").asLong()).isEqualTo(2);
        assertThat(altered.get("reason").asText()).isEqualTo("hash mismatch at position 2 (altered)");
    }

    @Test
    void changingWhoDidItIsFoundToo() {
        awardByKey("Actor Changed");
        assertThat(verify().get("intact").asBoolean()).isTrue();
        long last = db.sql("select max(position) from audit_entries where organization_id = ?").param(program.organizationId()).query(Long.class).single();
        db.sql("update audit_entries set actor_label = 'someone.else@example.org' where organization_id = ? and position = ?")
                .params(program.organizationId(), last).update();
        assertThat(verify().get("reason").asText()).isEqualTo("hash mismatch at position " + last + " (altered)");
    }

    @Test
    void aDeletedRowIsFoundInTheMiddleAndAtTheEnd() {
        for (int i = 0; i < 3; i++) awardByKey("Deleted " + i);
        JsonNode intact = verify();
        long entries = intact.get("entries").asLong();
        db.sql("delete from audit_entries where organization_id = ? and position = ?").params(program.organizationId(), entries).update();
        JsonNode lastGone = verify();
        assertThat(lastGone.get("intact").asBoolean()).isFalse();
        assertThat(lastGone.get("reason").asText()).isEqualTo("position " + entries + " missing (deleted)");

        db.sql("delete from audit_entries where organization_id = ? and position = 2").param(program.organizationId()).update();
        JsonNode middleGone = verify();
        assertThat(middleGone.get("firstBrokenPosition").asLong()).isEqualTo(2);
        assertThat(middleGone.get("reason").asText()).isEqualTo("position 2 missing (deleted)");
    }

    @Test
    void staffSearchFilterPageAndExportTheLog() {
        for (int i = 0; i < 5; i++) {
            auditLog.record(program.owner().actor(), program.organizationId(), "test.noted", "thing", "thing-" + i, Map.of("n", i));
        }
        auditLog.record(null, program.organizationId(), "test.noted", "thing", "=HYPERLINK(\"http://evil\")", Map.of("formula", "=1+1"));

        Api.Response first = key.get(base + "?action=test.noted&limit=4");
        assertThat(first.status()).as(first.body()).isEqualTo(200);
        assertThat(first.json().get("total").asLong()).isEqualTo(6);
        assertThat(first.json().get("items")).hasSize(4);
        assertThat(first.json().get("items").get(0).get("actor").get("type").asText()).isEqualTo("system");
        assertThat(first.json().get("items").get(1).get("objectId").asText()).isEqualTo("thing-4");
        assertThat(first.json().get("items").get(1).get("changes").get("n").asInt()).isEqualTo(4);
        String next = first.json().get("next").asText();
        Api.Response second = key.get(next);
        assertThat(second.json().get("items")).hasSize(2);
        assertThat(second.json().hasNonNull("next")).isFalse();
        assertThat(second.json().get("items").get(1).get("objectId").asText()).isEqualTo("thing-0");

        assertThat(key.get(base + "?actor=" + program.owner().email() + "&action=test").json().get("total").asLong()).isEqualTo(5);
        assertThat(key.get(base + "?objectId=thing-3").json().get("total").asLong()).isEqualTo(1);
        assertThat(key.get(base + "?q=HYPERLINK").json().get("total").asLong()).isEqualTo(1);
        assertThat(key.get(base + "?action=test.noted&from=2000-01-01&to=2000-12-31").json().get("total").asLong()).isZero();

        Api.Response tampered = key.get(base + "?cursor=" + first.json().get("nextCursor").asText() + "x");
        assertThat(tampered.status()).isEqualTo(400);
        assertThat(tampered.body()).contains("cursor-invalid");
        assertThat(key.get(base + "?cursor=bm90LWEtY3Vyc29y").status()).isEqualTo(400);
        assertThat(key.get(base + "?from=yesterday").status()).isEqualTo(400);
        assertThat(key.get(base + "?limit=0").status()).isEqualTo(400);

        SignedInClient owner = new SignedInClient(baseUrl(), program.owner().email(), EarningWorld.PASSWORD);
        SignedInClient.Download csv = owner.get("/organizations/" + program.slug() + "/audit.csv?action=test.noted");
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.contentType()).startsWith("text/csv");
        String[] lines = csv.body().strip().split("\r?\n");
        assertThat(lines).hasSize(7);
        assertThat(lines[0]).startsWith("position,seq,occurred_at,actor_type");
        assertThat(csv.body()).contains("'=HYPERLINK").contains("thing-0").doesNotContain(",=HYPERLINK");
        SignedInClient.Download page = owner.get("/organizations/" + program.slug() + "/audit?action=test.noted");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("Showing").contains("of <span>6</span> entries").contains("thing-4");
        assertThat(owner.get("/organizations/" + program.slug() + "/audit/verify").body()).contains("The chain holds");
    }

    @Test
    void onlyOwnersAndAdminsReadTheLogAndAnotherOrganizationGetsNotFound() {
        EarningWorld.Person issuer = world.member(program, Role.ISSUER, "Ivy Issuer", null);
        SignedInClient asIssuer = new SignedInClient(baseUrl(), issuer.email(), EarningWorld.PASSWORD);
        assertThat(asIssuer.get("/organizations/" + program.slug() + "/audit").status()).isEqualTo(403);
        assertThat(asIssuer.get("/organizations/" + program.slug() + "/audit.csv").status()).isEqualTo(403);
        assertThat(asIssuer.get("/organizations/" + program.slug() + "/audit/verify").status()).isEqualTo(403);

        EarningWorld.Program other = world.program("outsider", EarningWorld.onlyDemonstration());
        Api otherKey = api().withToken(other.apiKey());
        assertThat(otherKey.get(base).status()).isEqualTo(404);
        assertThat(otherKey.get(base + "/verify").status()).isEqualTo(404);
        assertThat(otherKey.get(base + "/export").status()).isEqualTo(404);
        SignedInClient otherOwner = new SignedInClient(baseUrl(), other.owner().email(), EarningWorld.PASSWORD);
        assertThat(otherOwner.get("/organizations/" + program.slug() + "/audit").status()).isEqualTo(404);
        assertThat(otherOwner.get("/organizations/" + program.slug() + "/audit.csv").status()).isEqualTo(404);

        EarningWorld.Person admin = world.member(program, Role.ADMIN, "Adam Admin", null);
        assertThat(new SignedInClient(baseUrl(), admin.email(), EarningWorld.PASSWORD).get("/organizations/" + program.slug() + "/audit").status())
                .isEqualTo(200);
    }

    @Test
    void fourThreadsAwardingAtOnceStillGiveAnIntactChain() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int thread = t;
                running.add(pool.submit(() -> {
                    for (int i = 0; i < 5; i++) {
                        awardByKey("Thread " + thread + " award " + i);
                        if (i == 2) auditLog.seal(); // a sealer running while awards are being made
                    }
                }));
            }
            for (Future<?> f : running) f.get();
        } finally {
            pool.shutdown();
        }
        JsonNode verdict = verify();
        assertThat(verdict.get("intact").asBoolean()).as(verdict.toString()).isTrue();
        assertThat(entries("award.issued")).hasSize(20).allSatisfy(e -> assertThat(e.sealed()).isTrue());
        List<Long> positions = db.sql("select position from audit_entries where organization_id = ? order by position")
                .param(program.organizationId()).query(Long.class).list();
        assertThat(positions).hasSize((int) verdict.get("entries").asLong());
        for (int i = 0; i < positions.size(); i++) assertThat(positions.get(i)).isEqualTo(i + 1L);
    }
}
