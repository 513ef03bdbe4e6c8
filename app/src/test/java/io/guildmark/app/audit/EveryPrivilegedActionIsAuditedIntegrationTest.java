package io.guildmark.app.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.guildmark.app.earning.Enrollment;
import io.guildmark.app.earning.Enrollments;
import io.guildmark.app.issuing.Awards;
import io.guildmark.app.issuing.CertificateDesigns;
import io.guildmark.app.issuing.IssuerKeys;
import io.guildmark.app.membership.Roster;
import io.guildmark.app.notifications.EmailTemplates;
import io.guildmark.app.organizations.Members;
import io.guildmark.app.organizations.Organization;
import io.guildmark.app.organizations.Organizations;
import io.guildmark.app.organizations.Partnerships;
import io.guildmark.app.organizations.Role;
import io.guildmark.app.shared.Actor;
import io.guildmark.app.support.Api;
import io.guildmark.app.support.EarningWorld;
import io.guildmark.app.support.Fixtures;
import io.guildmark.app.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/**
 * Issue 10 lists what must be recorded: award, revoke, bulk job, design publish, role change, key rotation or
 * retirement, mark paid, roster change, settings; and the newer features: partnerships, discount codes, webhook
 * subscriptions, certificate design and e-mail wording. This walks that list once, each action done by a person or an
 * API key as staff would, and finds an entry for each with its actor, organization and object.
 */
class EveryPrivilegedActionIsAuditedIntegrationTest extends IntegrationTest {

    @Autowired ApplicationContext context;
    @Autowired Awards awards;
    @Autowired IssuerKeys issuerKeys;
    @Autowired Members members;
    @Autowired Enrollments enrollments;
    @Autowired Roster roster;
    @Autowired Organizations organizations;
    @Autowired Partnerships partnerships;
    @Autowired CertificateDesigns certificateDesigns;
    @Autowired EmailTemplates emailTemplates;

    /** One action of the list: what it is recorded as, by whom, about which object (null: any). */
    private record Expected(String action, String actorType, String actorLabel, String objectId) {}

    @Test
    void everyActionOnTheIssuesListLeavesAnEntryNamingWhoDidWhatToWhich() throws Exception {
        EarningWorld world = new EarningWorld(context, admin(), baseUrl());
        EarningWorld.Program program = world.program("walked", EarningWorld.onlyDemonstration());
        Api key = api().withToken(program.apiKey());
        String api = "/api/v1/organizations/" + program.slug();
        Actor.Person owner = program.owner().actor();
        String ownerEmail = program.owner().email();
        List<Expected> expected = new ArrayList<>();

        // Design publish: the world published the micro-credential and its earning design through the owner.
        expected.add(new Expected("achievement.published", null, null, program.achievementId().toString()));
        expected.add(new Expected("earning-design.published", null, null, null));

        // Award (by the key) and revoke (by the owner).
        Api.Response awarded = key.post(api + "/awards", Map.of("achievementId", program.achievementId().toString(),
                "recipient", Map.of("email", Fixtures.uniqueEmail("walked"), "name", "Wally Walked")));
        assertThat(awarded.status()).as(awarded.body()).isEqualTo(201);
        String awardId = awarded.json().get("id").asText();
        expected.add(new Expected("award.issued", "api-key", "test key", awardId));
        awards.revoke(owner, UUID.fromString(awardId), "Awarded to the wrong person");
        expected.add(new Expected("award.revoked", "person", ownerEmail, awardId));

        // Bulk job: submitted and cancelled by the key.
        StringBuilder csv = new StringBuilder("email,name,micro_credential,evidence_narrative,evidence_url,issued_on,expires_on\n");
        for (int i = 0; i < 300; i++) csv.append(Fixtures.uniqueEmail("bulk" + i)).append(",Bulk Member ").append(i).append(',')
                .append(program.achievementId()).append(",,,,\n");
        Api.Response job = key.post(api + "/award-jobs", csv.toString().getBytes(StandardCharsets.UTF_8), "text/csv");
        assertThat(job.status()).as(job.body()).isEqualTo(202);
        String jobId = job.json().get("id").asText();
        expected.add(new Expected("award-job.submitted", "api-key", "test key", jobId));
        Api.Response cancelled = key.post(api + "/award-jobs/" + jobId + "/cancel", Map.of());
        assertThat(cancelled.status()).as("300 rows take longer than the cancel: " + cancelled.body()).isEqualTo(200);
        expected.add(new Expected("award-job.cancelled", "api-key", "test key", jobId));

        // A job's awards are recorded under whoever sent the file, not as earned by the system.
        String small = "email,name,micro_credential,evidence_narrative,evidence_url,issued_on,expires_on\n"
                + Fixtures.uniqueEmail("jobrow") + ",Jo Row," + program.achievementId() + ",,,,\n";
        String smallJob = key.post(api + "/award-jobs", small.getBytes(StandardCharsets.UTF_8), "text/csv").json().get("id").asText();
        long until = System.currentTimeMillis() + 120_000;
        while (!"completed".equals(key.get(api + "/award-jobs/" + smallJob).json().get("state").asText()) && System.currentTimeMillis() < until) {
            Thread.sleep(200);
        }
        UUID jobAward = db.sql("select id from awards where issue_key = ?").param(smallJob + ":1").query(UUID.class).single();
        expected.add(new Expected("award.issued", "api-key", "test key", jobAward.toString()));

        // Role change, key rotation and retirement, mark paid: the owner.
        EarningWorld.Person designer = world.member(program, Role.DESIGNER, "Dana Designer", null);
        members.setRoles(owner, program.slug(), designer.id(), EnumSet.of(Role.DESIGNER, Role.ISSUER));
        expected.add(new Expected("member.roles-changed", "person", ownerEmail, designer.id().toString()));
        issuerKeys.rotate(owner, program.slug());
        expected.add(new Expected("signing-keys.rotated", "person", ownerEmail, null));
        UUID retiring = issuerKeys.list(owner, program.slug()).stream().filter(k -> "rotated".equals(k.state())).findFirst().orElseThrow().id();
        issuerKeys.retire(owner, program.slug(), retiring, "The old key is no longer needed");
        expected.add(new Expected("signing-key.retired", "person", ownerEmail, retiring.toString()));
        db.sql("update achievement_versions set definition = replace(definition, '\"currency\"', '\"nonMemberPrice\":4900,\"currency\"') where achievement_id = ?")
                .param(program.achievementId()).update();
        Enrollment due = world.enroll(world.person("Paula Payer", null), program);
        enrollments.markPaid(owner, program.slug(), due.id());
        expected.add(new Expected("enrollment.marked-paid", "person", ownerEmail, due.id().toString()));

        // Roster change, by the key (an association-management system) and by the owner.
        Api.Response member = key.put(api + "/members/roster/M-100", Map.of("name", "Rosa Roster", "emails", List.of(Fixtures.uniqueEmail("rosa")),
                "status", "active"));
        assertThat(member.status()).as(member.body()).isBetween(200, 201);
        expected.add(new Expected("roster.member-created", "api-key", "test key", null));
        roster.remove(owner, program.slug(), "M-100");
        expected.add(new Expected("roster.member-removed", "person", ownerEmail, null));

        // Settings: the profile, the certificate design, an e-mail's wording.
        Organization org = organizations.findById(program.organizationId()).orElseThrow();
        organizations.updateProfile(owner, program.slug(), new Organizations.Profile(org.name() + " (renamed)", null, null, null));
        expected.add(new Expected("organization.profile-changed", "person", ownerEmail, null));
        certificateDesigns.save(owner, program.slug(), new CertificateDesigns.Changes("modern", "#112233", "#445566", "Sam Signer",
                "Registrar", "", null, null, false, false));
        expected.add(new Expected("certificate-design.saved", "person", ownerEmail, null));
        emailTemplates.save(owner, program.organizationId(), EmailTemplates.Kind.values()[0], "Your badge from us",
                EmailTemplates.Kind.values()[0].defaultBody());
        expected.add(new Expected("email-template.saved", "person", ownerEmail, null));

        // Partnerships: the owner invites an employer.
        Actor.Person employerOwner = world.person("Erin Employer", null).actor();
        String employerSlug = "walked-employer-" + UUID.randomUUID().toString().substring(0, 8);
        organizations.create(employerOwner, employerSlug, new Organizations.Profile("Walked Employer Inc.", null, null, null), Organization.Kind.EMPLOYER);
        var partnership = partnerships.invite(owner, program.slug(), employerSlug, "Design with us");
        expected.add(new Expected("partner.invited", "person", ownerEmail, partnership.id().toString()));

        // Discount codes and webhook subscriptions, by the key.
        Api.Response code = key.post(api + "/discount-codes", Map.of("code", "WALK10", "kind", "percent", "value", "10"));
        assertThat(code.status()).as(code.body()).isEqualTo(201);
        expected.add(new Expected("payments.discount-code-created", "api-key", "test key", code.json().get("id").asText()));
        Api.Response hook = key.post(api + "/webhooks", Map.of("url", "http://127.0.0.1:9/guildmark", "eventTypes", List.of("award.issued")));
        assertThat(hook.status()).as(hook.body()).isEqualTo(201);
        String hookId = hook.json().get("id").asText();
        expected.add(new Expected("webhook.endpoint-created", "api-key", "test key", hookId));
        assertThat(key.patch(api + "/webhooks/" + hookId, Map.of("enabled", false)).status()).isEqualTo(200);
        expected.add(new Expected("webhook.endpoint-updated", "api-key", "test key", hookId));
        assertThat(key.post(api + "/webhooks/" + hookId + "/secret", Map.of()).status()).isEqualTo(200);
        expected.add(new Expected("webhook.secret-rotated", "api-key", "test key", hookId));
        assertThat(key.delete(api + "/webhooks/" + hookId).status()).isEqualTo(204);
        expected.add(new Expected("webhook.endpoint-deleted", "api-key", "test key", hookId));

        List<AuditEntry> entries = db.sql("select * from audit_entries where organization_id = ? order by seq").param(program.organizationId())
                .query(AuditChain::entry).list();
        for (Expected e : expected) {
            assertThat(entries).as("an entry %s", e).anySatisfy(entry -> {
                assertThat(entry.action()).isEqualTo(e.action());
                if (e.actorType() != null) assertThat(entry.actorType()).isEqualTo(e.actorType());
                if (e.actorLabel() != null) assertThat(entry.actorLabel()).isEqualTo(e.actorLabel());
                if (e.objectId() != null) assertThat(entry.objectId()).isEqualTo(e.objectId());
                assertThat(entry.changes()).isNotBlank();
            });
        }
        assertThat(entries).filteredOn(entry -> entry.objectId() != null && entry.objectId().equals(jobAward.toString()))
                .singleElement().satisfies(entry -> assertThat(entry.changes()).doesNotContain("earned"));
        // Secrets never reach the log: not the webhook's, not the API key.
        assertThat(entries).noneSatisfy(entry -> assertThat(entry.changes()).containsIgnoringCase("whsec_"));
        assertThat(entries).noneSatisfy(entry -> assertThat(entry.changes()).contains(program.apiKey()));
        // The other organization's log holds none of it.
        assertThat(db.sql("select count(*) from audit_entries where organization_id <> ? and object_id = ?")
                .params(program.organizationId(), hookId).query(Long.class).single()).isZero();
    }
}
