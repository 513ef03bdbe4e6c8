package io.guildmark.app.verification;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.Ed25519Signer;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.util.Base64URL;
import io.guildmark.app.credits.CreditsFixture;
import io.guildmark.app.organizations.Role;
import io.guildmark.app.support.BrowserTest;
import io.guildmark.app.support.EarningWorld;
import io.guildmark.app.support.Fixtures;
import io.guildmark.credentials.did.DidKeyResolver;
import io.guildmark.credentials.proof.Ed25519KeyPair;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/**
 * A recruiter checks candidates for their employer in Chromium: chooses the employer on the batch form (which brings a
 * challenge for the employer's check), pastes a badge address and a candidate's VP-JWT made for that challenge, sees
 * the check in the employer's past checks, opens it and downloads its CSV. Another employer's staff sees none of it.
 */
class EmployerBatchCheckBrowserTest extends BrowserTest {

    @Autowired ApplicationContext context;

    @Test
    void aRecruiterChecksForTheEmployerFindsTheCheckInItsPastChecksAndAnotherEmployerSeesNothing() {
        CreditsFixture fixture = new CreditsFixture(context, admin(), baseUrl());
        CreditsFixture.Association employer = fixture.employer("browser-hiring");
        CreditsFixture.Association otherEmployer = fixture.employer("browser-rival");
        EarningWorld.Person recruiter = fixture.member(employer, Role.RECRUITER, "Rita Recruiter");
        BatchFixture issuer = new BatchFixture(admin(), baseUrl(), "batch-browser-vp");
        BatchFixture.Badge badge = issuer.award(Fixtures.uniqueEmail("alex"), "Alex Rivera");
        Ed25519KeyPair holder = Ed25519KeyPair.generate();
        String holderDid = DidKeyResolver.didFor(holder.publicKey());
        String credential = issuer.vcApiCredential(holderDid);

        signInAnew(recruiter.email(), EarningWorld.PASSWORD);
        open("/verify");
        click("Check many badges at once");
        String personalChallenge = find(By.id("challenge")).getAttribute("value");
        Select chooser = new Select(find(By.id("organization")));
        chooser.selectByValue(employer.slug());
        String employerName = chooser.getFirstSelectedOption().getText().strip();
        // Choosing the employer brings a challenge issued for the employer's check (htmx swaps the field).
        new WebDriverWait(browser, Duration.ofSeconds(10)).ignoring(StaleElementReferenceException.class)
                .until(d -> !personalChallenge.equals(d.findElement(By.id("challenge")).getAttribute("value")));
        String challenge = find(By.id("challenge")).getAttribute("value");
        String domain = find(By.id("batch-domain")).getText();
        String presentation = vpJwt(holder, holderDid, challenge, domain, credential);
        type("urls", badge.url() + "\n" + presentation);
        click("Check the badges");

        new WebDriverWait(browser, Duration.ofSeconds(60)).ignoring(StaleElementReferenceException.class)
                .until(d -> "done".equals(d.findElement(By.id("batch")).getAttribute("data-state")));
        assertThat(find(By.id("batch-kept-for")).getText()).isEqualTo(employerName);
        assertThat(find(By.id("batch-challenge")).getText()).contains(challenge);
        assertThat(pageText()).contains("Issued to the presentation's holder; the holder signed the presentation");
        String batchUrl = browser.getCurrentUrl();
        screenshot("employer-batch-check");

        open("/verify/batches");
        click(employerName);
        assertThat(find(By.id("batches-total")).getText()).isEqualTo("1");
        assertThat(find(By.id("batches")).getText()).contains(recruiter.email());
        browser.findElement(By.cssSelector("#batches td a")).click();
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> d.getCurrentUrl().equals(batchUrl));
        String csv = fetch(find(By.id("download-csv")).getAttribute("href"));
        assertThat(csv).startsWith("200\n");
        List<String> lines = csv.lines().toList();
        assertThat(lines).as("the status, the header and two badges").hasSize(1 + 1 + 2);
        assertThat(csv).contains(badge.url(), "NOT_PRESENTED", "MATCH", "OK");

        // Another employer's owner: not in the list, not the batch, not its download.
        signInAnew(otherEmployer.owner().email(), EarningWorld.PASSWORD);
        open("/verify/batches?organization=" + employer.slug());
        assertThat(pageText()).doesNotContain(recruiter.email());
        open(batchUrl.substring(baseUrl().length()));
        assertThat(pageText()).doesNotContain(badge.url()).doesNotContain("Issued to the presentation's holder");
        assertThat(fetch(batchUrl + "/results.csv")).startsWith("404\n");
    }

    /** Fetches a link with the browser's own session, as clicking it would: the status, a line break, the body. */
    private String fetch(String href) {
        Object text = ((JavascriptExecutor) browser).executeAsyncScript(
                "const done = arguments[arguments.length - 1]; fetch(arguments[0]).then(r => r.text().then(t => done(r.status + '\\n' + t)));", href);
        return (String) text;
    }

    /** A candidate's VP-JWT of one credential, answering the employer's challenge, signed with Nimbus as a wallet does. */
    private static String vpJwt(Ed25519KeyPair key, String did, String nonce, String audience, String credential) {
        Instant now = Instant.now();
        JsonObject vc;
        try (var reader = Json.createReader(new java.io.StringReader(credential))) {
            vc = reader.readObject();
        }
        JsonObject claims = Json.createObjectBuilder().add("iss", did).add("aud", audience).add("nonce", nonce)
                .add("iat", now.getEpochSecond()).add("exp", now.plus(Duration.ofMinutes(10)).getEpochSecond())
                .add("vp", Json.createObjectBuilder().add("@context", Json.createArrayBuilder().add("https://www.w3.org/ns/credentials/v2"))
                        .add("type", Json.createArrayBuilder().add("VerifiablePresentation")).add("holder", did)
                        .add("verifiableCredential", Json.createArrayBuilder().add(vc)))
                .build();
        try {
            OctetKeyPair jwk = new OctetKeyPair.Builder(Curve.Ed25519, Base64URL.encode(key.publicKey())).d(Base64URL.encode(key.privateKey())).build();
            JWSObject jws = new JWSObject(new JWSHeader.Builder(JWSAlgorithm.EdDSA).type(new JOSEObjectType("vp+jwt"))
                    .keyID(DidKeyResolver.verificationMethodFor(key.publicKey())).build(), new Payload(claims.toString()));
            jws.sign(new Ed25519Signer(jwk));
            return jws.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
