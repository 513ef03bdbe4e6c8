package io.guildmark.app.security;

import static io.guildmark.app.pathways.PathwayWorld.allOf;
import static io.guildmark.app.pathways.PathwayWorld.step;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import io.guildmark.app.accounts.AccountDids;
import io.guildmark.app.issuing.Awards;
import io.guildmark.app.pathways.ImportedCredentials;
import io.guildmark.app.pathways.LearnerPathways;
import io.guildmark.app.pathways.Pathway;
import io.guildmark.app.pathways.PathwayWorld;
import io.guildmark.app.shared.Problem;
import io.guildmark.app.support.DidWallet;
import io.guildmark.app.support.IntegrationTest;
import io.guildmark.app.support.WebSession;
import io.guildmark.credentials.holder.HolderProofs;
import io.guildmark.credentials.proof.Ed25519KeyPair;
import jakarta.json.Json;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/**
 * Finding: a DID was linked to an account without proof of control, so linking the DID found in another person's
 * public badge made the badge import accept that badge as the linker's, and it counted on pathways (an eligibility
 * record was produced with it). Now a DID is linked only with a signed answer to the account's challenge, and imports
 * match only DIDs proven that way.
 */
class LinkingSomeoneElsesDidCannotStealTheirBadgesIntegrationTest extends IntegrationTest {

    @Autowired ApplicationContext context;
    @Autowired AccountDids dids;
    @Autowired ImportedCredentials imports;
    @Autowired LearnerPathways learners;
    @Autowired Awards awards;

    @Test
    void anotherPersonsDidCannotBeLinkedAndTheirBadgeNeverCountsForTheLinker() {
        PathwayWorld world = new PathwayWorld(context, admin());
        var home = world.association("stolen-home");
        var elsewhere = world.association("stolen-elsewhere");
        UUID standup = world.microCredential(home, "Run a standup", 2);
        UUID retros = world.microCredential(home, "Facilitate a retrospective", 3);
        Pathway eligibility = world.pathway(home, "Facilitator eligibility", null, allOf("Core", step(standup), step(retros)));
        world.publish(home, eligibility.id());
        UUID theirRetros = world.microCredential(elsewhere, "Retrospectives that matter", null);

        // The victim proves their DID; a badge is issued to it, and its public credential names the DID.
        var victim = world.person("Vera Victim");
        DidWallet victimsWallet = new DidWallet();
        victimsWallet.proveFor(dids, victim.id());
        UUID victimsBadge = world.award(elsewhere, theirRetros, victim);
        String publicBadge = awards.signedCredential(victimsBadge).orElseThrow();
        assertThat(Json.createReader(new java.io.StringReader(publicBadge)).readObject().getJsonObject("credentialSubject").getString("id"))
                .isEqualTo(victimsWallet.did());

        // The association accepts that badge as its retrospective step (the victim asked for it).
        var victimsImport = imports.importFile(victim.actor(), publicBadge.getBytes(StandardCharsets.UTF_8), "application/json");
        imports.askRecognition(victim.actor(), victimsImport.id(), home.id());
        imports.accept(home.owner().actor(), home.slug(), victimsImport.issuerId(), victimsImport.achievementId(), retros, null);

        // The attacker holds the other step and copies the victim's DID from the public badge.
        var attacker = world.person("Mallory Linker");
        world.award(home, standup, attacker);
        assertThat(learners.standing(eligibility.id(), Optional.of(attacker.actor())).percent()).isEqualTo(50);

        // 1. Typing the DID in, the old way, links nothing.
        WebSession browser = new WebSession(baseUrl());
        browser.signIn(attacker.email(), PathwayWorld.PASSWORD);
        WebSession.Page typed = browser.submit("/account", "/account/did", "did", victimsWallet.did());
        assertThat(typed.status()).isGreaterThanOrEqualTo(400);
        assertThat(dids.mine(attacker.id())).isEmpty();

        // 2. Answering the challenge without the victim's key is refused: with the attacker's key under the victim's
        //    key id, and with the attacker's own key id (which belongs to another DID).
        AccountDids.DidChallenge challenge = dids.challenge(attacker.id());
        Ed25519KeyPair attackersKey = Ed25519KeyPair.generate();
        String forged = HolderProofs.jwt(attackersKey, victimsWallet.keyId(), victimsWallet.did(), challenge.nonce(), challenge.audience(),
                Instant.now(), Duration.ofMinutes(5));
        assertThatThrownBy(() -> dids.prove(attacker.id(), forged)).isInstanceOfSatisfying(Problem.class,
                p -> assertThat(p.code()).isEqualTo("proof-invalid-signature"));
        String ownKeyId = io.guildmark.credentials.did.DidKeyResolver.verificationMethodFor(attackersKey.publicKey());
        String mislabeled = HolderProofs.jwt(attackersKey, ownKeyId, victimsWallet.did(), challenge.nonce(), challenge.audience(),
                Instant.now(), Duration.ofMinutes(5));
        assertThatThrownBy(() -> dids.prove(attacker.id(), mislabeled)).isInstanceOfSatisfying(Problem.class,
                p -> assertThat(p.code()).isEqualTo("proof-key-not-authorized"));
        // Nor can it be proven twice: the victim's proof holds it.
        assertThat(dids.provenDids(attacker.id())).isEmpty();

        // 3. Importing the victim's badge is refused: it is issued neither to the attacker's e-mail nor to a DID they proved.
        assertThatThrownBy(() -> imports.importFile(attacker.actor(), publicBadge.getBytes(StandardCharsets.UTF_8), "application/json"))
                .isInstanceOfSatisfying(Problem.class, p -> assertThat(p.code()).isEqualTo("NOT_YOURS"));

        // 4. Even a DID linked before proofs were asked for (the migration keeps it, unproven) makes nothing count.
        db.sql("insert into account_dids (id, user_id, did, created_at) values (?, ?, ?, ?)")
                .params(UUID.randomUUID(), attacker.id(), victimsWallet.did(), Timestamp.from(Instant.now())).update();
        assertThatThrownBy(() -> imports.importFile(attacker.actor(), publicBadge.getBytes(StandardCharsets.UTF_8), "application/json"))
                .isInstanceOfSatisfying(Problem.class, p -> assertThat(p.code()).isEqualTo("DID_NOT_PROVEN"));
        assertThat(dids.provenDids(attacker.id())).isEmpty();

        // Nothing counts for the attacker: no import, the step still open, no eligibility record.
        assertThat(db.sql("select count(*) from imported_credentials where user_id = ?").param(attacker.id()).query(Integer.class).single()).isZero();
        assertThat(learners.standing(eligibility.id(), Optional.of(attacker.actor())).percent()).isEqualTo(50);
        assertThat(db.sql("select count(*) from pathway_eligibilities where email = ?").param(attacker.email()).query(Integer.class).single()).isZero();

        // The victim, who holds the key, is still the one it counts for.
        world.award(home, standup, victim);
        assertThat(learners.standing(eligibility.id(), Optional.of(victim.actor())).completed()).isTrue();
        assertThat(db.sql("select count(*) from pathway_eligibilities where email = ?").param(victim.email()).query(Integer.class).single()).isEqualTo(1);
    }

    @Test
    void aBadgeImportedThroughAProvenDidStopsCountingWhenTheDidIsRemoved() {
        PathwayWorld world = new PathwayWorld(context, admin());
        var home = world.association("removed-home");
        var elsewhere = world.association("removed-elsewhere");
        UUID retros = world.microCredential(home, "Facilitate a retrospective", 3);
        Pathway eligibility = world.pathway(home, "Retro eligibility", null, allOf("Core", step(retros)));
        world.publish(home, eligibility.id());
        UUID theirRetros = world.microCredential(elsewhere, "Retrospectives that matter", null);

        // The owner's badge was issued to their DID under one account; they import it from another account, where
        // they prove the same DID: it matches by the DID alone.
        var first = world.person("Ola First");
        DidWallet wallet = new DidWallet();
        wallet.proveFor(dids, first.id());
        String badge = awards.signedCredential(world.award(elsewhere, theirRetros, first)).orElseThrow();
        dids.remove(first.id(), dids.mine(first.id()).get(0).id());
        var second = world.person("Ola Second");
        wallet.proveFor(dids, second.id());
        var imported = imports.importFile(second.actor(), badge.getBytes(StandardCharsets.UTF_8), "application/json");
        assertThat(imported.recipientMatch()).isEqualTo("did");
        imports.askRecognition(second.actor(), imported.id(), home.id());
        imports.accept(home.owner().actor(), home.slug(), imported.issuerId(), imported.achievementId(), retros, null);
        assertThat(learners.standing(eligibility.id(), Optional.of(second.actor())).completed()).isTrue();

        dids.remove(second.id(), dids.mine(second.id()).get(0).id());

        var after = imports.mineById(second.actor(), imported.id());
        assertThat(after.verified()).isFalse();
        assertThat(after.verdict()).contains("DID you removed");
        assertThat(imports.reverify(second.actor(), imported.id()).verified()).isFalse();
    }
}
