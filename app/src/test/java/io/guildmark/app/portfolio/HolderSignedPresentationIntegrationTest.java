package io.guildmark.app.portfolio;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import io.guildmark.app.accounts.AccountDids;
import io.guildmark.app.credits.CreditsFixture;
import io.guildmark.app.shared.MasterKey;
import io.guildmark.app.support.Api;
import io.guildmark.app.support.DidWallet;
import io.guildmark.app.support.EarningWorld;
import io.guildmark.app.support.IntegrationTest;
import io.guildmark.app.support.WebSession;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/**
 * The wallet round trip: the person's own wallet signs their "Download all" or a shared presentation against the
 * platform's challenge, and what it signed leaves in the ZIP or behind the link for any verifier to check. Here the test
 * plays the wallet (a fresh did:key), as a person's wallet would.
 */
class HolderSignedPresentationIntegrationTest extends IntegrationTest {

    private static final Pattern PRESENTATION = Pattern.compile("<textarea id=\"presentation\"[^>]*>(.*?)</textarea>", Pattern.DOTALL);

    @Autowired ApplicationContext context;
    @Autowired AccountDids dids;
    @Autowired MasterKey masterKey;

    CreditsFixture credits;
    CreditsFixture.Association association;
    UUID safety;
    UUID hygiene;
    UUID firstAid;
    Api staff;
    Wallets wallets;

    @BeforeEach
    void association() {
        credits = new CreditsFixture(context, admin(), baseUrl());
        association = credits.association("signed-vp");
        safety = credits.microCredential(association, "Site Safety", "2", "CPE", null);
        hygiene = credits.microCredential(association, "Food Hygiene", "1", "CPE", null);
        firstAid = credits.microCredential(association, "First Aid", "1", "CPE", null);
        staff = api().withToken(association.apiKey());
        wallets = new Wallets(baseUrl(), association.slug(), staff);
    }

    /** The page's offer, as a wallet reads it: the presentation, the challenge and the domain to sign for. */
    record Offer(JsonObject presentation, String challenge, String domain) {}

    @Test
    void aPersonSignsDownloadAllWithTheirWalletAndTheZipCarriesASignedPresentationAnyVerifierAccepts() throws IOException {
        var learner = credits.world.person("Vera Signer", null);
        WebSession vera = wallets.signedIn(learner);
        wallets.awardAndAccept(safety, "Site Safety", learner, vera);
        wallets.awardAndAccept(hygiene, "Food Hygiene", learner, vera);
        assertThat(vera.get("/wallet", "text/html").body()).doesNotContain("Sign with your wallet");
        DidWallet wallet = new DidWallet();
        wallet.proveFor(dids, learner.id());
        assertThat(vera.get("/wallet", "text/html").body()).contains("Sign with your wallet");

        Offer offer = offer(vera, "/wallet/sign");
        assertThat(offer.domain()).isEqualTo(dids.audience());
        assertThat(offer.presentation().getJsonArray("verifiableCredential")).hasSize(2);
        assertThat(offer.presentation().getString("holder")).isEqualTo(wallet.did());
        JsonObject signed = wallet.sign(offer.presentation(), offer.challenge(), offer.domain());
        String saved = vera.submit("/wallet/sign", "/wallet/sign", "signed", signed.toString()).body();
        assertThat(saved).contains("Your signed presentation is saved", "presentation.signed.json", wallet.did(), "covering <span>2 badges</span>");

        Map<String, byte[]> zip = unzip(vera.download("/wallet/export.zip").body());
        assertThat(zip.keySet()).contains("presentation.json", "presentation.signed.json");
        String readme = new String(zip.get("README.txt"), StandardCharsets.UTF_8);
        assertThat(readme).contains("presentation.signed.json: the presentation signed by you", wallet.did(), "covers 2 badges, all those in this archive");
        String inZip = new String(zip.get("presentation.signed.json"), StandardCharsets.UTF_8);
        Api.Response verified = api().post("/presentations/verify", ("{\"verifiablePresentation\":" + inZip + ",\"options\":{\"challenge\":\""
                + offer.challenge() + "\",\"domain\":\"" + offer.domain() + "\"}}").getBytes(StandardCharsets.UTF_8), "application/json");
        assertThat(verified.status()).as(verified.body()).isEqualTo(200);
        assertThat(verified.json().get("verified").asBoolean()).isTrue();

        // A badge received later: the signed presentation still leaves in the ZIP, marked as out of date.
        wallets.award(firstAid, learner);
        assertThat(vera.get("/wallet/sign", "text/html").body()).contains("Out of date", "covering <span>2 badges</span>");
        zip = unzip(vera.download("/wallet/export.zip").body());
        assertThat(zip.keySet()).contains("presentation.signed.json");
        assertThat(new String(zip.get("README.txt"), StandardCharsets.UTF_8)).contains("covers 2 badges; it is OUT OF DATE", "you hold 3 now");
    }

    @Test
    void aVpJwtFromTheWalletIsAcceptedTooAndReplacesTheSignedPresentationBeforeIt() throws IOException {
        var learner = credits.world.person("Jon Jwt", null);
        WebSession jon = wallets.signedIn(learner);
        wallets.awardAndAccept(safety, "Site Safety", learner, jon);
        DidWallet wallet = new DidWallet();
        wallet.proveFor(dids, learner.id());

        Offer first = offer(jon, "/wallet/sign");
        assertThat(jon.submit("/wallet/sign", "/wallet/sign", "signed", wallet.sign(first.presentation(), first.challenge(), first.domain()).toString())
                .body()).contains("Your signed presentation is saved");
        Offer second = offer(jon, "/wallet/sign");
        String jwt = wallet.signJwt(second.presentation(), second.challenge(), second.domain());
        assertThat(jon.submit("/wallet/sign", "/wallet/sign", "signed", jwt).body()).contains("Your signed presentation is saved",
                "presentation.signed.jwt");

        Map<String, byte[]> zip = unzip(jon.download("/wallet/export.zip").body());
        assertThat(zip.keySet()).contains("presentation.signed.jwt").doesNotContain("presentation.signed.json");
        assertThat(new String(zip.get("presentation.signed.jwt"), StandardCharsets.UTF_8)).isEqualTo(jwt);
        assertThat(db.sql("select count(*) from holder_signed_presentations where user_id = ?").param(learner.id()).query(Integer.class).single())
                .isEqualTo(1);
    }

    @Test
    void aSharedPresentationSignedByTheHolderIsWhatItsLinkServesAndThePageSaysWhoSignedIt() {
        var learner = credits.world.person("Sasha Shared", null);
        WebSession sasha = wallets.signedIn(learner);
        UUID first = wallets.awardAndAccept(safety, "Site Safety", learner, sasha);
        UUID second = wallets.awardAndAccept(hygiene, "Food Hygiene", learner, sasha);
        String link = wallets.share(sasha, "For the panel", first, second);
        UUID id = db.sql("select id from shared_presentations where token = ?").param(link.substring(link.lastIndexOf('/') + 1))
                .query(UUID.class).single();
        DidWallet wallet = new DidWallet();
        wallet.proveFor(dids, learner.id());
        assertThat(new WebSession(baseUrl()).get(link).body()).doesNotContain("signed by the holder");

        String signPage = "/wallet/presentations/" + id + "/sign";
        Offer offer = offer(sasha, signPage);
        assertThat(offer.presentation().getString("id")).isEqualTo(link);
        JsonObject signed = wallet.sign(offer.presentation(), offer.challenge(), offer.domain());
        assertThat(sasha.submit(signPage, signPage, "signed", signed.toString()).body()).contains("the link now serves it");
        // The other presentation's challenge does not sign this one, nor Download all.
        Offer forExport = offer(sasha, "/wallet/sign");
        assertThat(sasha.submit(signPage, signPage, "signed", wallet.sign(offer.presentation(), forExport.challenge(), forExport.domain())
                .toString()).body()).contains("was not given on this page");

        assertThat(new WebSession(baseUrl()).get(link).body()).contains("The set is signed by the holder", wallet.did());
        Api.Response served = api().get(link + "/presentation.json");
        assertThat(served.status()).isEqualTo(200);
        assertThat(Json.createReader(new StringReader(served.body())).readObject()).isEqualTo(signed);
        Api.Response verified = api().post("/presentations/verify", ("{\"verifiablePresentation\":" + served.body() + ",\"options\":{\"challenge\":\""
                + offer.challenge() + "\",\"domain\":\"" + offer.domain() + "\"}}").getBytes(StandardCharsets.UTF_8), "application/json");
        assertThat(verified.status()).as(verified.body()).isEqualTo(200);

        // A holder-signed set must hold all its badges.
        Offer again = offer(sasha, signPage);
        JsonObject oneOnly = Json.createObjectBuilder(again.presentation())
                .add("verifiableCredential", Json.createArrayBuilder().add(again.presentation().getJsonArray("verifiableCredential").get(0))).build();
        assertThat(sasha.submit(signPage, signPage, "signed", wallet.sign(oneOnly, again.challenge(), again.domain()).toString()).body())
                .contains("leaves out 1 of the badges");
        // Only its owner signs it.
        var stranger = credits.world.person("Stan Stranger", null);
        assertThat(wallets.signedIn(stranger).get(signPage, "text/html").status()).isEqualTo(404);
    }

    @Test
    void aSetSignedAsAVpJwtIsServedEnvelopedAndRawAndRemovingTheDidDropsWhatItSigned() throws IOException {
        var learner = credits.world.person("Rémy Removed", null);
        WebSession remy = wallets.signedIn(learner);
        UUID badge = wallets.awardAndAccept(safety, "Site Safety", learner, remy);
        String link = wallets.share(remy, "One badge", badge);
        UUID id = db.sql("select id from shared_presentations where token = ?").param(link.substring(link.lastIndexOf('/') + 1))
                .query(UUID.class).single();
        DidWallet wallet = new DidWallet();
        wallet.proveFor(dids, learner.id());
        String signPage = "/wallet/presentations/" + id + "/sign";
        Offer offer = offer(remy, signPage);
        String jwt = wallet.signJwt(offer.presentation(), offer.challenge(), offer.domain());
        assertThat(remy.submit(signPage, signPage, "signed", jwt).body()).contains("the link now serves it");
        Offer export = offer(remy, "/wallet/sign");
        assertThat(remy.submit("/wallet/sign", "/wallet/sign", "signed", wallet.sign(export.presentation(), export.challenge(), export.domain())
                .toString()).body()).contains("Your signed presentation is saved");

        JsonObject served = Json.createReader(new StringReader(api().get(link + "/presentation.json").body())).readObject();
        assertThat(served.getString("type")).isEqualTo("EnvelopedVerifiablePresentation");
        assertThat(served.getString("id")).isEqualTo("data:application/vp+jwt," + jwt);
        assertThat(api().get(link + "/presentation.jwt").body()).isEqualTo(jwt);

        UUID linked = dids.mine(learner.id()).get(0).id();
        dids.remove(learner.id(), linked);
        assertThat(signedRows(learner.id())).isZero();
        assertThat(new WebSession(baseUrl()).get(link).body()).doesNotContain("The set is signed by the holder");
        assertThat(api().get(link + "/presentation.jwt").status()).isEqualTo(404);
        assertThat(unzip(remy.download("/wallet/export.zip").body()).keySet()).doesNotContain("presentation.signed.json");
    }

    @Test
    void whatTheWalletSendsBackIsRefusedWithAReadableMessageAndNothingIsStored() {
        var learner = credits.world.person("Rita Refused", null);
        var other = credits.world.person("Oscar Other", null);
        WebSession rita = wallets.signedIn(learner);
        wallets.awardAndAccept(safety, "Site Safety", learner, rita);
        assertThat(rita.get("/wallet/sign", "text/html").body()).contains("needs a DID you have proven").doesNotContain("id=\"challenge\"");
        DidWallet wallet = new DidWallet();
        wallet.proveFor(dids, learner.id());
        Offer offer = offer(rita, "/wallet/sign");

        // Signed by a DID the account has not proven.
        assertThat(refusal(rita, new DidWallet().sign(offer.presentation(), offer.challenge(), offer.domain()).toString()))
                .contains("which is not a DID your account has proven");
        // A challenge made up, or one given to someone else.
        assertThat(refusal(rita, wallet.sign(offer.presentation(), "made-up.challenge", offer.domain()).toString())).contains("was not given on this page");
        WebSession oscar = wallets.signedIn(other);
        wallets.awardAndAccept(hygiene, "Food Hygiene", other, oscar);
        new DidWallet().proveFor(dids, other.id());
        Offer oscars = offer(oscar, "/wallet/sign");
        assertThat(refusal(rita, wallet.sign(offer.presentation(), oscars.challenge(), offer.domain()).toString())).contains("was not given on this page");
        // An expired challenge.
        var past = new SigningChallenges(Clock.fixed(Instant.now().minus(SigningChallenges.VALID.plusMinutes(1)), ZoneOffset.UTC),
                masterKey.derive("holder-signed-presentation")).issue(learner.id(), SigningChallenges.EXPORT);
        assertThat(refusal(rita, wallet.sign(offer.presentation(), past.challenge(), offer.domain()).toString())).contains("The challenge expired");
        // Signed for another site.
        assertThat(refusal(rita, wallet.sign(offer.presentation(), offer.challenge(), "https://elsewhere.example").toString()))
                .contains("signed for another site");
        // Changed after signing.
        JsonObject signed = wallet.sign(offer.presentation(), offer.challenge(), offer.domain());
        assertThat(refusal(rita, Json.createObjectBuilder(signed).add("id", "urn:uuid:" + UUID.randomUUID()).build().toString()))
                .contains("The signature does not match the presentation");
        // Someone else's badge in it.
        JsonObject withOscars = Json.createObjectBuilder(offer.presentation()).add("verifiableCredential", Json.createArrayBuilder()
                .add(offer.presentation().getJsonArray("verifiableCredential").get(0))
                .add(oscars.presentation().getJsonArray("verifiableCredential").get(0))).build();
        assertThat(refusal(rita, wallet.sign(withOscars, offer.challenge(), offer.domain()).toString())).contains("is not one of your badges");
        // Not readable, or too large.
        assertThat(refusal(rita, "{\"type\": [\"VerifiablePresentation\"")).contains("not readable JSON");
        assertThat(refusal(rita, "eyJhbGciOiJFZERTQSJ9.bm90LWpzb24.c2ln")).contains("not base64url-encoded JSON");
        assertThat(refusal(rita, "hello")).contains("neither a VP-JWT");
        assertThat(refusal(rita, "{\"x\":\"" + "a".repeat(HolderSignedPresentations.MAX_BYTES) + "\"}")).contains("larger than");
        assertThat(signedRows(learner.id())).isZero();

        // The good one is accepted once; the same answer again is a replay.
        assertThat(rita.submit("/wallet/sign", "/wallet/sign", "signed", signed.toString()).body()).contains("Your signed presentation is saved");
        assertThat(refusal(rita, signed.toString())).contains("already answered");
        assertThat(signedRows(learner.id())).isEqualTo(1);
    }

    private String refusal(WebSession session, String text) {
        String page = session.submit("/wallet/sign", "/wallet/sign", "signed", text).body();
        assertThat(page).doesNotContain("Your signed presentation is saved");
        return page;
    }

    private int signedRows(UUID userId) {
        return db.sql("select count(*) from holder_signed_presentations where user_id = ?").param(userId).query(Integer.class).single();
    }

    private static Offer offer(WebSession session, String page) {
        String body = session.get(page, "text/html").body();
        Matcher presentation = PRESENTATION.matcher(body);
        assertThat(presentation.find()).as(body).isTrue();
        JsonObject vp = Json.createReader(new StringReader(unescape(presentation.group(1)))).readObject();
        return new Offer(vp, attribute(body, "challenge"), attribute(body, "domain"));
    }

    private static String attribute(String body, String id) {
        Matcher m = Pattern.compile("id=\"" + id + "\"[^>]*value=\"([^\"]*)\"").matcher(body);
        assertThat(m.find()).as(id).isTrue();
        return unescape(m.group(1));
    }

    private static String unescape(String html) {
        return html.replace("&quot;", "\"").replace("&#39;", "'").replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
    }

    private static Map<String, byte[]> unzip(byte[] zip) throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) files.put(entry.getName(), in.readAllBytes());
        }
        return files;
    }
}
