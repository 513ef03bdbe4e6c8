package io.guildmark.app.credits;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.guildmark.app.issuing.Award;
import io.guildmark.app.issuing.Awards;
import io.guildmark.app.organizations.Members;
import io.guildmark.app.organizations.Organizations;
import io.guildmark.app.organizations.Role;
import io.guildmark.app.support.Api;
import io.guildmark.app.support.EarningWorld;
import io.guildmark.app.support.Fixtures;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationContext;

/** Associations with credit-bearing micro-credentials, awards dated in the past, and renewal rules, for credits tests. */
public final class CreditsFixture {

    /** An association, its owner (who designs and issues) and an API key. */
    public record Association(String slug, UUID id, String apiKey, EarningWorld.Person owner) {}

    /** A few bytes that are a PDF to anyone who reads them. */
    public static final byte[] PDF = "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);

    private final ApplicationContext context;
    private final Api admin;
    public final EarningWorld world;

    public CreditsFixture(ApplicationContext context, Api admin, String baseUrl) {
        this.context = context;
        this.admin = admin;
        this.world = new EarningWorld(context, admin, baseUrl);
    }

    public Association association(String stem) {
        String slug = Fixtures.createOrganization(admin, stem);
        String key = Fixtures.createApiKey(admin, slug);
        UUID id = context.getBean(Organizations.class).findBySlug(slug).orElseThrow().id();
        EarningWorld.Person owner = world.person("Olga Owner", null);
        context.getBean(Members.class).add(id, owner.id(), Role.OWNER);
        return new Association(slug, id, key, owner);
    }

    /** An employer organization with an owner and an API key (an Association record: same shape). */
    public Association employer(String stem) {
        String slug = Fixtures.createEmployer(admin, stem);
        String key = Fixtures.createApiKey(admin, slug);
        UUID id = context.getBean(Organizations.class).findBySlug(slug).orElseThrow().id();
        EarningWorld.Person owner = world.person("Erin Employer", null);
        context.getBean(Members.class).add(id, owner.id(), Role.OWNER);
        return new Association(slug, id, key, owner);
    }

    /** The association invites the employer and the employer accepts: an active partnership. */
    public void partners(Association association, Association employer) {
        Api.Response invited = new Api(world.baseUrl()).withToken(association.apiKey())
                .post("/api/v1/organizations/" + association.slug() + "/partners", java.util.Map.of("employer", employer.slug()));
        if (invited.status() != 201) throw new AssertionError("Could not invite: " + invited.body());
        Api.Response accepted = new Api(world.baseUrl()).withToken(employer.apiKey())
                .post("/api/v1/organizations/" + employer.slug() + "/partners/" + invited.json().get("id").asText() + "/accept", java.util.Map.of());
        if (accepted.status() != 200) throw new AssertionError("Could not accept: " + accepted.body());
    }

    public EarningWorld.Person member(Association association, Role role, String name) {
        EarningWorld.Person person = world.person(name, null);
        context.getBean(Members.class).add(association.id(), person.id(), role);
        return person;
    }

    /** A published micro-credential; credits and validity are optional. */
    public UUID microCredential(Association association, String name, @Nullable String creditValue, @Nullable String creditType,
            @Nullable Integer validityMonths) {
        Map<String, Object> body = new HashMap<>();
        body.put("name", name);
        body.put("description", "Shows that the holder can " + name.toLowerCase() + ".");
        body.put("achievementType", "MicroCredential");
        body.put("criteria", Map.of("narrative", "Complete the course and its assessment."));
        body.put("tags", List.of("renewal"));
        if (creditValue != null) body.put("creditValue", new BigDecimal(creditValue));
        if (creditType != null) body.put("creditType", creditType);
        if (validityMonths != null) body.put("validityMonths", validityMonths);
        Api key = admin.withToken(association.apiKey());
        Api.Response created = key.post("/api/v1/organizations/" + association.slug() + "/achievements", body);
        if (created.status() != 201) throw new AssertionError("Could not create the micro-credential: " + created.body());
        String id = created.json().get("id").asText();
        Api.Response published = key.post("/api/v1/organizations/" + association.slug() + "/achievements/" + id + "/publish", Map.of());
        if (published.status() != 200) throw new AssertionError("Could not publish: " + published.body());
        return UUID.fromString(id);
    }

    /** An award recorded by staff as made on the given day. */
    public Award award(Association association, UUID achievementId, EarningWorld.Person holder, LocalDate on) {
        return context.getBean(Awards.class).award(association.owner().actor(), association.slug(),
                new Awards.AwardRequest(achievementId, holder.email(), holder.name(), List.of(),
                        on.atStartOfDay().toInstant(ZoneOffset.UTC), null));
    }

    public RenewalRules.Rule credentialRule(Association association, String name, String type, String total, int years, String categories,
            UUID achievementId) {
        return context.getBean(RenewalRules.class).create(association.owner().actor(), association.slug(),
                new RenewalRules.RuleForm(name, type, total, String.valueOf(years), categories, "credential", achievementId.toString()));
    }

    public RenewalRules.Rule licenseRule(Association association, String name, String type, String total, int years, String categories) {
        return context.getBean(RenewalRules.class).create(association.owner().actor(), association.slug(),
                new RenewalRules.RuleForm(name, type, total, String.valueOf(years), categories, "license", ""));
    }

    public ExternalCredits.Report report(Association association, EarningWorld.Person learner, String title, LocalDate on, String amount,
            String type, @Nullable String category) {
        return context.getBean(ExternalCredits.class).report(learner.actor(), new ExternalCredits.ReportForm(association.slug(), title,
                "Example Learning Co.", on.toString(), amount, type, category == null ? "" : category), PDF, "certificate.pdf");
    }
}
