package io.guildmark.app.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.guildmark.app.shared.EmailAddress;
import io.guildmark.app.shared.Problem;
import io.guildmark.app.support.DidWallet;
import io.guildmark.app.support.Fixtures;
import io.guildmark.app.support.IntegrationTest;
import io.guildmark.app.support.WebSession;
import io.guildmark.credentials.holder.HolderProofVerifier;
import io.guildmark.credentials.holder.HolderProofs;
import io.guildmark.credentials.proof.Ed25519KeyPair;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Linking a DID needs a signed answer to the account's challenge; every wrong answer is refused and changes nothing. */
class ProvingDidsIntegrationTest extends IntegrationTest {

    private static final String PASSWORD = "proving dids password";

    @Autowired Accounts accounts;
    @Autowired AccountDids dids;

    private User person(String stem) {
        return accounts.createVerified("Dana " + stem, EmailAddress.of(Fixtures.uniqueEmail(stem)), PASSWORD, false);
    }

    /** Everything a refused proof must leave as it was: the account's DIDs and its challenges. */
    private String state(UUID userId) {
        return db.sql("select did, proven_did, proven_at from account_dids where user_id = ? order by did").param(userId).query().listOfRows()
                + " " + db.sql("select nonce, used_at, expires_at from did_challenges where user_id = ? order by nonce").param(userId).query().listOfRows();
    }

    private static void refused(Runnable attempt, Problem.Kind kind, String code) {
        assertThatThrownBy(attempt::run).isInstanceOfSatisfying(Problem.class, p -> {
            assertThat(p.kind()).as(p.getMessage()).isEqualTo(kind);
            assertThat(p.code()).as(p.getMessage()).isEqualTo(code);
        });
    }

    @Test
    void aDidKeyIsProvenWithASignedJwtAndCountsFromThen() {
        User user = person("jwt");
        DidWallet wallet = new DidWallet();
        AccountDids.DidChallenge challenge = dids.challenge(user.id());
        assertThat(challenge.audience()).isEqualTo(baseUrl());
        assertThat(challenge.expiresAt()).isBetween(Instant.now().plus(Duration.ofMinutes(9)), Instant.now().plus(Duration.ofMinutes(11)));
        assertThat(dids.currentChallenge(user.id())).contains(challenge);

        AccountDids.LinkedDid linked = dids.prove(user.id(), wallet.jwt(challenge));

        assertThat(linked.did()).isEqualTo(wallet.did());
        assertThat(linked.proven()).isTrue();
        assertThat(linked.proofFormat()).isEqualTo("jwt");
        assertThat(dids.provenDids(user.id())).containsExactly(wallet.did());
        assertThat(dids.currentChallenge(user.id())).isEmpty();
    }

    @Test
    void aPresentationWithADataIntegrityProofProvesADidToo() {
        User user = person("vp");
        DidWallet wallet = new DidWallet();
        AccountDids.LinkedDid linked = dids.prove(user.id(), wallet.presentation(dids.challenge(user.id())));
        assertThat(linked.proofFormat()).isEqualTo("vp-data-integrity");
        assertThat(dids.provenDids(user.id())).containsExactly(wallet.did());
    }

    @Test
    void theAccountPageExplainsShowsTheChallengeAndListsTheProvenDid() {
        User user = person("page");
        DidWallet wallet = new DidWallet();
        WebSession browser = new WebSession(baseUrl());
        browser.signIn(user.email(), PASSWORD);
        assertThat(browser.get("/account").body()).contains("Your DIDs").contains("No DIDs yet").contains("Get a challenge");

        WebSession.Page withChallenge = browser.submit("/account", "/account/dids/challenge");
        Matcher nonce = Pattern.compile("id=\"did-nonce\">([^<]+)<").matcher(withChallenge.body());
        assertThat(nonce.find()).as(withChallenge.body()).isTrue();
        AccountDids.DidChallenge challenge = dids.currentChallenge(user.id()).orElseThrow();
        assertThat(nonce.group(1)).isEqualTo(challenge.nonce());

        WebSession.Page proven = browser.submit("/account", "/account/dids", "proof", wallet.jwt(challenge));
        assertThat(proven.body()).contains("Proven: you control " + wallet.did()).contains("proven on ");

        WebSession.Page replayed = browser.submit("/account", "/account/dids", "proof", wallet.jwt(challenge));
        assertThat(replayed.status()).isEqualTo(200);
        assertThat(replayed.body()).contains("already answered");

        UUID id = dids.mine(user.id()).get(0).id();
        WebSession.Page removed = browser.submit("/account", "/account/dids/" + id + "/remove");
        assertThat(removed.body()).contains("Removed " + wallet.did()).contains("No DIDs yet");
        assertThat(dids.provenDids(user.id())).isEmpty();
    }

    @Test
    void aProofForAnotherNonceIsRefused() {
        User user = person("wrongnonce");
        DidWallet wallet = new DidWallet();
        AccountDids.DidChallenge real = dids.challenge(user.id());
        String before = state(user.id());
        AccountDids.DidChallenge madeUp = new AccountDids.DidChallenge("made-up-nonce", real.audience(), real.expiresAt());
        refused(() -> dids.prove(user.id(), wallet.jwt(madeUp)), Problem.Kind.UNPROCESSABLE, "challenge-unknown");
        assertThat(state(user.id())).isEqualTo(before);

        // Another account's challenge is not this account's either.
        User other = person("othersnonce");
        AccountDids.DidChallenge theirs = dids.challenge(other.id());
        refused(() -> dids.prove(user.id(), wallet.jwt(theirs)), Problem.Kind.UNPROCESSABLE, "challenge-unknown");
        assertThat(state(user.id())).isEqualTo(before);
        // The real challenge still works after the refusals.
        assertThat(dids.prove(user.id(), wallet.jwt(real)).proven()).isTrue();
    }

    @Test
    void aReplayedProofIsRefused() {
        User user = person("replay");
        DidWallet wallet = new DidWallet();
        String proof = wallet.jwt(dids.challenge(user.id()));
        dids.prove(user.id(), proof);
        String before = state(user.id());
        refused(() -> dids.prove(user.id(), proof), Problem.Kind.UNPROCESSABLE, "challenge-used");
        assertThat(state(user.id())).isEqualTo(before);
    }

    @Test
    void anExpiredChallengeIsRefused() {
        User user = person("expired");
        DidWallet wallet = new DidWallet();
        AccountDids.DidChallenge challenge = dids.challenge(user.id());
        db.sql("update did_challenges set expires_at = ? where nonce = ?").params(Timestamp.from(Instant.now().minusSeconds(1)), challenge.nonce()).update();
        String before = state(user.id());
        refused(() -> dids.prove(user.id(), wallet.jwt(challenge)), Problem.Kind.UNPROCESSABLE, "challenge-expired");
        assertThat(state(user.id())).isEqualTo(before);
        assertThat(dids.currentChallenge(user.id())).isEmpty();
    }

    @Test
    void aKeyThatIsNotInTheDidDocumentIsRefused() {
        User user = person("notindoc");
        Ed25519KeyPair key = Ed25519KeyPair.generate();
        DidWallet wallet = new DidWallet();
        AccountDids.DidChallenge c = dids.challenge(user.id());
        String before = state(user.id());
        String proof = HolderProofs.jwt(key, wallet.did() + "#another-key", wallet.did(), c.nonce(), c.audience(), Instant.now(), Duration.ofMinutes(5));
        refused(() -> dids.prove(user.id(), proof), Problem.Kind.UNPROCESSABLE, "proof-key-not-in-document");
        assertThat(state(user.id())).isEqualTo(before);
    }

    @Test
    void aSignatureByAnotherKeyIsRefused() {
        User user = person("otherkey");
        DidWallet victim = new DidWallet();
        Ed25519KeyPair mine = Ed25519KeyPair.generate();
        AccountDids.DidChallenge c = dids.challenge(user.id());
        String before = state(user.id());
        String proof = HolderProofs.jwt(mine, victim.keyId(), victim.did(), c.nonce(), c.audience(), Instant.now(), Duration.ofMinutes(5));
        refused(() -> dids.prove(user.id(), proof), Problem.Kind.UNPROCESSABLE, "proof-invalid-signature");
        String presentation = HolderProofs.presentation(mine, victim.keyId(), victim.did(), c.nonce(), c.audience(), Instant.now()).toString();
        refused(() -> dids.prove(user.id(), presentation), Problem.Kind.UNPROCESSABLE, "proof-invalid-signature");
        assertThat(state(user.id())).isEqualTo(before);
    }

    @Test
    void aProofForAnotherSiteIsRefused() {
        User user = person("audience");
        DidWallet wallet = new DidWallet();
        AccountDids.DidChallenge c = dids.challenge(user.id());
        String before = state(user.id());
        refused(() -> dids.prove(user.id(), wallet.jwt(new AccountDids.DidChallenge(c.nonce(), "https://elsewhere.example", c.expiresAt()))),
                Problem.Kind.UNPROCESSABLE, "proof-wrong-audience");
        assertThat(state(user.id())).isEqualTo(before);
    }

    @Test
    void aDidProvenByAnotherAccountIsRefused() {
        User first = person("first");
        User second = person("second");
        DidWallet shared = new DidWallet();
        shared.proveFor(dids, first.id());
        AccountDids.DidChallenge c = dids.challenge(second.id());
        String before = state(second.id());
        refused(() -> dids.prove(second.id(), shared.jwt(c)), Problem.Kind.CONFLICT, "did-taken");
        assertThat(state(second.id())).isEqualTo(before);
        assertThat(dids.provenDids(first.id())).containsExactly(shared.did());

        // Once removed there, the DID can be proven here.
        dids.remove(first.id(), dids.mine(first.id()).get(0).id());
        assertThat(shared.proveFor(dids, second.id())).isEqualTo(shared.did());
    }

    @Test
    void malformedAndOversizedProofsAreRefused() {
        User user = person("malformed");
        dids.challenge(user.id());
        String before = state(user.id());
        refused(() -> dids.prove(user.id(), ""), Problem.Kind.INVALID, "validation-failed");
        refused(() -> dids.prove(user.id(), "not a proof"), Problem.Kind.INVALID, "validation-failed");
        refused(() -> dids.prove(user.id(), "{\"proof\":" + "[".repeat(5000)), Problem.Kind.INVALID, "validation-failed");
        refused(() -> dids.prove(user.id(), "a.b.c"), Problem.Kind.INVALID, "validation-failed");
        refused(() -> dids.prove(user.id(), "x".repeat(HolderProofVerifier.MAX_PROOF_LENGTH + 1)), Problem.Kind.PAYLOAD_TOO_LARGE, "payload-too-large");
        assertThat(state(user.id())).isEqualTo(before);
    }

    @Test
    void anUnresolvableDidWebIsRefusedWithTheFetchersReason() {
        User user = person("didweb");
        Ed25519KeyPair key = Ed25519KeyPair.generate();
        AccountDids.DidChallenge c = dids.challenge(user.id());
        String before = state(user.id());
        String did = "did:web:10.0.0.1";
        String proof = HolderProofs.jwt(key, did + "#key-1", did, c.nonce(), c.audience(), Instant.now(), Duration.ofMinutes(5));
        assertThatThrownBy(() -> dids.prove(user.id(), proof)).isInstanceOfSatisfying(Problem.class, p -> {
            assertThat(p.kind()).isEqualTo(Problem.Kind.UNPROCESSABLE);
            assertThat(p.code()).isEqualTo("proof-did-not-resolved");
            assertThat(p.getMessage()).contains("did:web:10.0.0.1").contains("could not be read");
        });
        assertThat(state(user.id())).isEqualTo(before);
    }

    @Test
    void aNewChallengeReplacesTheUnansweredOne() {
        User user = person("renew");
        DidWallet wallet = new DidWallet();
        AccountDids.DidChallenge first = dids.challenge(user.id());
        AccountDids.DidChallenge second = dids.challenge(user.id());
        assertThat(second.nonce()).isNotEqualTo(first.nonce());
        refused(() -> dids.prove(user.id(), wallet.jwt(first)), Problem.Kind.UNPROCESSABLE, "challenge-unknown");
        assertThat(dids.prove(user.id(), wallet.jwt(second)).proven()).isTrue();
    }

    @Test
    void anotherAccountsDidCannotBeRemovedOrSeen() {
        User owner = person("owner");
        User stranger = person("stranger");
        DidWallet wallet = new DidWallet();
        wallet.proveFor(dids, owner.id());
        UUID id = dids.mine(owner.id()).get(0).id();
        String before = state(owner.id());

        refused(() -> dids.remove(stranger.id(), id), Problem.Kind.NOT_FOUND, "not-found");
        WebSession browser = new WebSession(baseUrl());
        browser.signIn(stranger.email(), PASSWORD);
        assertThat(browser.submit("/account", "/account/dids/" + id + "/remove").status()).isEqualTo(404);
        assertThat(browser.get("/account").body()).doesNotContain(wallet.did());

        assertThat(state(owner.id())).isEqualTo(before);
        assertThat(dids.provenDids(owner.id())).containsExactly(wallet.did());
    }
}
