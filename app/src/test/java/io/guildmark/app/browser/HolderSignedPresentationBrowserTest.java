package io.guildmark.app.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.util.Map;

import io.guildmark.app.accounts.AccountDids;
import io.guildmark.app.support.Api;
import io.guildmark.app.support.BrowserTest;
import io.guildmark.app.support.Catalog;
import io.guildmark.app.support.DidWallet;
import io.guildmark.app.support.EarningWorld;
import io.guildmark.app.support.Fixtures;
import io.guildmark.app.support.Mailbox;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/** A learner with a proven DID signs all their badges with their wallet: copy the presentation out, paste the signed one back. */
class HolderSignedPresentationBrowserTest extends BrowserTest {

    @Autowired ApplicationContext context;
    @Autowired AccountDids dids;

    @Test
    void aLearnerCopiesThePresentationToTheirWalletAndPastesBackWhatItSigned() {
        EarningWorld world = new EarningWorld(context, admin(), baseUrl());
        var learner = world.person("Wanda Wallet", null);
        String slug = Fixtures.createOrganization(admin(), "wallet-signing");
        Api key = api().withToken(Fixtures.createApiKey(admin(), slug));
        String achievementId = Catalog.publishedMicroCredential(key, slug, "Scaffold Safety");
        assertThat(key.post("/api/v1/organizations/" + slug + "/awards", Map.of("achievementId", achievementId,
                "recipient", Map.of("email", learner.email(), "name", learner.name()))).status()).isEqualTo(201);
        String claim = Mailbox.await(learner.email(), "You earned Scaffold Safety").firstLinkContaining("/claim/");
        DidWallet wallet = new DidWallet();
        wallet.proveFor(dids, learner.id());

        signInAnew(learner.email(), EarningWorld.PASSWORD);
        open(claim);
        click("Accept");
        waitForText("The badge is in your account");
        open("/wallet");
        click("Sign with your wallet");
        waitForText("Sign this presentation with your wallet");
        assertThat(find(By.id("signed-status")).getText()).contains("Not signed by you yet");
        String challenge = find(By.id("challenge")).getDomProperty("value");
        String domain = find(By.id("domain")).getDomProperty("value");
        JsonObject presentation = Json.createReader(new StringReader(find(By.id("presentation")).getDomProperty("value"))).readObject();
        assertThat(presentation.getJsonArray("verifiableCredential")).hasSize(1);
        screenshot("holder-signing-offer");

        // The wallet signs; the learner pastes its answer (set at once: typing ten kilobytes key by key proves nothing).
        String signed = wallet.signJwt(presentation, challenge, domain);
        ((JavascriptExecutor) browser).executeScript("document.getElementById('signed').value = arguments[0];", signed);
        click("Save the signed presentation");
        waitForText("Your signed presentation is saved");
        assertThat(find(By.id("signed-status")).getText()).contains("Signed by you on", wallet.did(), "a VP-JWT", "covering 1 badge");
        screenshot("holder-signed-saved");

        // Pasting the same answer again is a replay, refused with a message.
        ((JavascriptExecutor) browser).executeScript("document.getElementById('signed').value = arguments[0];", signed);
        click("Save the signed presentation");
        waitForText("This challenge was already answered");
    }
}
