package io.guildmark.app.issuing;

import java.io.FileNotFoundException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;

import io.guildmark.credentials.did.CompositeDidResolver;
import io.guildmark.credentials.did.DidKeyResolver;
import io.guildmark.credentials.did.DidWebResolver;
import io.guildmark.credentials.did.DocumentFetcher;
import io.guildmark.credentials.verify.VerificationReport;
import io.guildmark.credentials.verify.Verifier;
import org.springframework.stereotype.Component;

/**
 * Checks this platform's own credentials for their badge pages, exactly as an outside verifier would (proof, issuer
 * key, dates, status, schema), but reading the issuer's DID document and status lists from the database instead of
 * over HTTP.
 */
@Component
class LocalVerification {

    private final Verifier verifier;

    LocalVerification(OwnIssuerDocuments own, Clock clock) {
        DocumentFetcher local = uri -> own.find(uri).orElseThrow(() -> new FileNotFoundException(uri.toString()));
        this.verifier = Verifier.builder()
                .documentFetcher(local)
                .didResolver(CompositeDidResolver.builder().method("web", DidWebResolver.allowingHttpOnLoopback(local))
                        .method("key", new DidKeyResolver()).build())
                .clock(clock)
                .build();
    }

    VerificationReport verify(String signedCredential) {
        return verifier.verify(bytes(signedCredential), "application/vc+ld+json");
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
