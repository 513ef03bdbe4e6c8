package io.guildmark.app.issuing;

import java.io.FileNotFoundException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.guildmark.app.organizations.Organizations;
import io.guildmark.app.shared.GuildmarkSettings;
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

    private static final Pattern DID_DOC = Pattern.compile("/issuers/([a-z0-9-]+)/did\\.json");
    private static final Pattern STATUS_LIST = Pattern.compile("/status/([0-9a-f-]{36})");
    private static final Pattern REVOCATION_LIST = Pattern.compile("/status/1edtech/([a-z0-9-]+)");

    private final Verifier verifier;

    LocalVerification(GuildmarkSettings settings, Organizations organizations, IssuerKeys keys, StatusLists statusLists, Clock clock) {
        String base = settings.baseUrl().toString();
        DocumentFetcher local = uri -> {
            String url = uri.toString();
            if (!url.startsWith(base)) throw new FileNotFoundException(url);
            String path = URI.create(url).getPath();
            Matcher m;
            if ((m = DID_DOC.matcher(path)).matches()) {
                var org = organizations.findBySlug(m.group(1)).orElseThrow(() -> new FileNotFoundException(url));
                return bytes(keys.didDocument(org).toJson().toString());
            }
            if ((m = REVOCATION_LIST.matcher(path)).matches()) {
                var org = organizations.findBySlug(m.group(1)).orElseThrow(() -> new FileNotFoundException(url));
                return bytes(statusLists.revocationList(org).toString());
            }
            if ((m = STATUS_LIST.matcher(path)).matches()) {
                return bytes(statusLists.signedList(UUID.fromString(m.group(1))).orElseThrow(() -> new FileNotFoundException(url)));
            }
            throw new FileNotFoundException(url);
        };
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
