package io.guildmark.app.verification;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * How the verifier fetches documents (DID documents, status lists, badges given by address), bound from
 * {@code guildmark.verification.*}. See docs/configuration.md, "Verification".
 *
 * @param allowPrivateAddresses fetch from loopback, private, link-local and other non-public addresses too; only for
 *                              installations whose issuers live on an internal network
 * @param allowedHosts          host names or IP addresses, optionally with {@code :port}, that may be fetched even
 *                              though they resolve to non-public addresses
 * @param timeout               for connecting and for the whole answer, per request
 * @param maxDocumentSize       the largest DID document or status list read; the body is cut off beyond it
 */
@ConfigurationProperties("guildmark.verification")
record VerificationSettings(boolean allowPrivateAddresses, @Nullable List<String> allowedHosts, @Nullable Duration timeout,
        @Nullable DataSize maxDocumentSize) {

    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);
    static final DataSize DEFAULT_MAX_DOCUMENT_SIZE = DataSize.ofMegabytes(2);

    VerificationSettings {
        allowedHosts = allowedHosts == null ? List.of()
                : allowedHosts.stream().map(h -> h.strip().toLowerCase(Locale.ROOT)).filter(h -> !h.isEmpty()).toList();
        if (timeout == null || timeout.isZero() || timeout.isNegative()) timeout = DEFAULT_TIMEOUT;
        if (maxDocumentSize == null || maxDocumentSize.toBytes() <= 0) maxDocumentSize = DEFAULT_MAX_DOCUMENT_SIZE;
    }

    /** The defaults: public addresses only. */
    static VerificationSettings defaults() {
        return new VerificationSettings(false, List.of(), null, null);
    }
}
