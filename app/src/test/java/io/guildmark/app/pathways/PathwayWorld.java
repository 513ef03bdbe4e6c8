package io.guildmark.app.pathways;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.guildmark.app.accounts.Accounts;
import io.guildmark.app.organizations.Members;
import io.guildmark.app.organizations.Organizations;
import io.guildmark.app.organizations.Role;
import io.guildmark.app.shared.Actor;
import io.guildmark.app.shared.EmailAddress;
import io.guildmark.app.support.Api;
import io.guildmark.app.support.Fixtures;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationContext;

/**
 * Associations with micro-credentials and pathways, made through the application's API and services, for tests of
 * pathways. Every call makes new, unique data.
 */
public final class PathwayWorld {

    public static final String PASSWORD = "correct horse battery staple";

    public record Person(UUID id, String email, String name, Actor.Person actor) {}

    /** An association: its slug, its API key, and its owner (who may design). */
    public record Association(String slug, UUID id, Api key, Person owner) {}

    private final ApplicationContext context;
    private final Api admin;

    public PathwayWorld(ApplicationContext context, Api admin) {
        this.context = context;
        this.admin = admin;
    }

    public Association association(String stem) {
        String slug = Fixtures.createOrganization(admin, stem);
        Api key = admin.withToken(Fixtures.createApiKey(admin, slug));
        UUID id = context.getBean(Organizations.class).findBySlug(slug).orElseThrow().id();
        Person owner = person("Olga Owner");
        context.getBean(Members.class).add(id, owner.id(), Role.OWNER);
        return new Association(slug, id, key, owner);
    }

    public Person person(String name) {
        String email = Fixtures.uniqueEmail(name.toLowerCase().replaceAll("[^a-z]", ""));
        var user = context.getBean(Accounts.class).createVerified(name, EmailAddress.of(email), PASSWORD, false);
        return new Person(user.id(), user.email(), name, new Actor.Person(user.id(), user.email(), false));
    }

    /** A published micro-credential; with credits when {@code pdu} is given. */
    public UUID microCredential(Association a, String name, @Nullable Integer pdu) {
        return achievement(a, name, "MicroCredential", pdu);
    }

    /** A published certificate: what a pathway awards. */
    public UUID certificate(Association a, String name) {
        return achievement(a, name, "Certificate", null);
    }

    private UUID achievement(Association a, String name, String type, @Nullable Integer pdu) {
        Map<String, Object> body = new HashMap<>(Map.of("name", name, "description", "Shows that the holder can " + name.toLowerCase() + ".",
                "achievementType", type, "criteria", Map.of("narrative", "Meet the association's standard for " + name + ".")));
        if (pdu != null) {
            body.put("creditValue", BigDecimal.valueOf(pdu));
            body.put("creditType", "PDU");
        }
        Api.Response created = a.key().post("/api/v1/organizations/" + a.slug() + "/achievements", body);
        if (created.status() != 201) throw new AssertionError("Could not create " + name + ": " + created.body());
        String id = created.json().get("id").asText();
        Api.Response published = a.key().post("/api/v1/organizations/" + a.slug() + "/achievements/" + id + "/publish", Map.of());
        if (published.status() != 200) throw new AssertionError("Could not publish " + name + ": " + published.body());
        return UUID.fromString(id);
    }

    /**
     * Awards a micro-credential through the API, as an integration would, and waits for the pathway checks it started;
     * answers the award id.
     */
    public UUID award(Association a, UUID achievementId, Person learner) {
        Api.Response r = a.key().post("/api/v1/organizations/" + a.slug() + "/awards", Map.of("achievementId", achievementId.toString(),
                "recipient", Map.of("email", learner.email(), "name", learner.name())));
        if (r.status() != 201) throw new AssertionError("Could not award: " + r.body());
        // Completion is checked in the background once the award has committed: wait for it, as a learner would.
        io.guildmark.app.support.PathwayCheckQueue.awaitChecked(context, a.id());
        return UUID.fromString(r.json().get("id").asText());
    }

    /**
     * A pathway whose working copy is the given tree, not yet published. {@code capstone} null makes it an eligibility
     * pathway.
     */
    public Pathway pathway(Association a, String name, @Nullable UUID capstone, RuleTree.Rule rules) {
        Pathways pathways = context.getBean(Pathways.class);
        Pathway p = pathways.create(a.owner().actor(), a.slug(), new Pathways.Details(name, "From first steps to " + name + ".",
                capstone == null ? Pathway.CapstoneKind.ELIGIBILITY : Pathway.CapstoneKind.CREDENTIAL, capstone));
        return build(a, p.id(), "", rules);
    }

    /** Rebuilds the working copy's tree with edits, as a designer clicking through the editor would. */
    private Pathway build(Association a, UUID pathwayId, String path, RuleTree.Rule rule) {
        Pathways pathways = context.getBean(Pathways.class);
        Pathway p = pathways.get(a.owner().actor(), a.slug(), pathwayId);
        if (path.isEmpty()) {
            p = pathways.editRules(a.owner().actor(), a.slug(), pathwayId, new RuleTree.ChangeGroup("", emptyLike(rule)));
        }
        List<RuleTree.Rule> parts = rule instanceof RuleTree.Credits ? List.of() : RuleTree.parts(rule);
        for (int i = 0; i < parts.size(); i++) {
            RuleTree.Rule part = parts.get(i);
            String at = path.isEmpty() ? String.valueOf(i) : path + "." + i;
            if (part instanceof RuleTree.Step s) {
                p = pathways.editRules(a.owner().actor(), a.slug(), pathwayId, new RuleTree.AddStep(path, s.achievementId()));
            } else {
                p = pathways.editRules(a.owner().actor(), a.slug(), pathwayId, new RuleTree.AddGroup(path, emptyLike(part)));
                p = build(a, pathwayId, at, part);
            }
        }
        return p;
    }

    private static RuleTree.Rule emptyLike(RuleTree.Rule rule) {
        if (rule instanceof RuleTree.AllOf g) return new RuleTree.AllOf(g.label(), List.of());
        if (rule instanceof RuleTree.AtLeast g) return new RuleTree.AtLeast(g.label(), g.count(), List.of());
        return rule; // a credit group comes with what counts
    }

    public PathwayVersion publish(Association a, UUID pathwayId) {
        return context.getBean(Pathways.class).publish(a.owner().actor(), a.slug(), pathwayId);
    }

    public static RuleTree.Rule allOf(String label, RuleTree.Rule... parts) {
        return new RuleTree.AllOf(label, List.of(parts));
    }

    public static RuleTree.Rule atLeast(String label, int count, RuleTree.Rule... parts) {
        return new RuleTree.AtLeast(label, count, List.of(parts));
    }

    public static RuleTree.Rule credits(String label, int minimum, UUID... from) {
        return new RuleTree.Credits(label, BigDecimal.valueOf(minimum), List.of(from));
    }

    public static RuleTree.Rule step(UUID id) {
        return new RuleTree.Step(id);
    }
}
