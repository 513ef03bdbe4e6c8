package io.guildmark.app.verification;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.guildmark.app.shared.OwnDocuments;
import io.guildmark.credentials.did.Did;
import io.guildmark.credentials.did.DidDocument;
import io.guildmark.credentials.did.DidResolutionException;
import io.guildmark.credentials.did.DidResolver;
import io.guildmark.credentials.did.DidWeb;
import io.guildmark.credentials.baking.PngBaker;
import io.guildmark.credentials.baking.SvgBaker;
import io.guildmark.credentials.did.CompositeDidResolver;
import io.guildmark.credentials.did.DidKeyResolver;
import io.guildmark.credentials.did.DidWebResolver;
import io.guildmark.credentials.did.DocumentFetcher;
import io.guildmark.credentials.did.DocumentGoneException;
import io.guildmark.credentials.did.HttpsControllerResolver;
import io.guildmark.credentials.holder.HolderProofResult;
import io.guildmark.credentials.holder.HolderProofVerifier;
import io.guildmark.credentials.verify.Check;
import io.guildmark.credentials.verify.CheckStatus;
import io.guildmark.credentials.verify.VerificationReport;
import io.guildmark.credentials.verify.Verifier;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Service;

/**
 * Verifies any Open Badges 3.0 credential the way an outside verifier would: from its bytes (JSON, VC-JWT, baked PNG
 * or SVG) or from its address, resolving issuers' keys and status lists over the network through the
 * {@link SafeDocumentFetcher}. One library {@link Verifier} is shared by all requests. This platform's own issuers'
 * DID documents and status lists are checked against the database every time ({@link OwnDocuments}), so a key
 * rotation, retirement or revocation counts at once on every node; other issuers' DID documents and status lists are
 * cached as their {@code Cache-Control} allows, one fetch at a time per document ({@link DocumentCache}). Never
 * throws for bad input: every problem is a failed check in the report.
 */
@Service
public class Verification {

    /** The largest credential or badge image verified, as the library's limit: 10 MB. */
    public static final long MAX_INPUT_BYTES = Verifier.DEFAULT_MAX_INPUT_BYTES;
    /** The name of the extra check that URL verification puts first. */
    public static final String FETCH = "fetch";

    static final String BADGE_ACCEPT = "application/vc+ld+json, application/ld+json;q=0.9, application/vc+jwt;q=0.8";
    private static final int CACHED_DOCUMENTS = 1000;
    private static final int VALID_PROOFS = 20_000;
    private static final VerificationReport.Details NO_DETAILS = new VerificationReport.Details(null, null, null, null, null, null, null, null);
    private static final Pattern LINK = Pattern.compile("<link\\b[^>]*>", Pattern.CASE_INSENSITIVE);
    private static final Pattern ATTRIBUTE = Pattern.compile("([a-zA-Z-]+)\\s*=\\s*(\"[^\"]*\"|'[^']*')");
    private static final List<String> CREDENTIAL_TYPES = List.of("application/vc+ld+json", "application/ld+json", "application/vc+jwt",
            "application/vc", "application/json");

    /** About how much memory kept outcomes of this platform's own credentials may take ({@link KeptOutcomes}). */
    static final long KEPT_OUTCOME_BYTES = 64L * 1024 * 1024;
    /** This platform's own DID documents kept parsed, under their version. */
    private static final int PARSED_DID_DOCUMENTS = 1000;

    /**
     * A credential's outcome and the standing of its issuer (approved, verified domain), for the reports of the page,
     * the API and the VC-API. The credential's JSON text is written once, when first asked for, also for kept outcomes.
     */
    public static final class Checked {
        private final VerificationReport report;
        private final IssuerStandings.Standing standing;
        private volatile @Nullable String credentialJson;

        Checked(VerificationReport report, IssuerStandings.Standing standing) {
            this.report = report;
            this.standing = standing;
        }

        public VerificationReport report() {
            return report;
        }

        public IssuerStandings.Standing standing() {
            return standing;
        }

        /** The credential as JSON text, or null when none could be read. */
        public @Nullable String credentialJson() {
            String json = credentialJson;
            if (json == null && report.credential() != null) credentialJson = json = report.credential().toString();
            return json;
        }
    }

    /** What the verification running on this thread read; the own documents' readers below record into it. */
    private static final ThreadLocal<KeptOutcomes.Reads> READS = new ThreadLocal<>();

    private final SafeDocumentFetcher fetcher;
    private final Verifier verifier;
    private final HolderProofVerifier holderProofs;
    private final Clock clock;
    private final @Nullable IssuerStandings standings;
    private final @Nullable KeptOutcomes outcomes;

    /** A verifier that knows no documents of its own platform (for tests of fetching alone). */
    Verification(SafeDocumentFetcher fetcher, Clock clock) {
        this(fetcher, uri -> Optional.empty(), clock, (IssuerStandings) null, (OwnDocumentVersions) null);
    }

    @Autowired
    Verification(SafeDocumentFetcher fetcher, OwnDocuments own, Clock clock, ObjectProvider<IssuerStandings> standings,
            ObjectProvider<OwnDocumentVersions> versions) {
        this(fetcher, own, clock, standings.getIfAvailable(), versions.getIfAvailable());
    }

    Verification(SafeDocumentFetcher fetcher, OwnDocuments own, Clock clock, @Nullable IssuerStandings standings,
            @Nullable OwnDocumentVersions versions) {
        this.fetcher = fetcher;
        this.clock = clock;
        this.standings = standings;
        this.outcomes = versions == null ? null : new KeptOutcomes(versions, clock, KEPT_OUTCOME_BYTES);
        OwnDocuments ownDidDocuments = recording(own, true);
        // did:web over https, and over http only for loopback hosts, which the fetcher refuses unless they are this
        // platform's own address or explicitly allowed: that is how a local demo verifies its own badges.
        DocumentCache didDocuments = new DocumentCache(fetcher, ownDidDocuments, clock, CACHED_DOCUMENTS, DocumentCache.Freshness.DID_DOCUMENTS);
        var resolver = CompositeDidResolver.builder()
                .method("web", ownParsed(ownDidDocuments, DidWebResolver.allowingHttpOnLoopback(didDocuments)))
                .method("key", new DidKeyResolver())
                .https(new HttpsControllerResolver(didDocuments))
                .build();
        // Status lists: ours from the database, others' reused only as long as their issuer's Cache-Control allows, at
        // most five minutes.
        DocumentCache documents = new DocumentCache(fetcher, recording(own, false), clock, CACHED_DOCUMENTS, DocumentCache.Freshness.STATUS_LISTS);
        // An OB 2.0 hosted assertion is its own revocation record (410 Gone, "revoked"): fetched anew every time, so a
        // badge re-checked after its issuer revoked it is seen revoked at once, whatever max-age the assertion carried.
        DocumentFetcher hostedAssertions = uri -> {
            KeptOutcomes.Reads reads = READS.get();
            if (reads != null) reads.other();
            Optional<byte[]> ours = own.find(uri);
            return ours.isPresent() ? ours.get() : fetcher.fetch(uri);
        };
        // Proofs found valid are remembered by their exact bytes and key (EddsaRdfc2022.rememberingValidProofs): a
        // credential verified again, and the status list every credential of an issuer refers to, are not
        // canonicalized again. Keys and lists are still read for every verification.
        // A credential's related resources are fetched anew (they are few, and rare); as for hosted assertions, a
        // verification that read one is not kept as an outcome of the platform's own documents.
        DocumentFetcher relatedResources = uri -> {
            KeptOutcomes.Reads reads = READS.get();
            if (reads != null) reads.other();
            return fetcher.relatedResource(uri);
        };
        this.verifier = Verifier.builder().documentFetcher(documents).hostedAssertionFetcher(hostedAssertions)
                .relatedResourceFetcher(relatedResources).didResolver(resolver).clock(clock)
                .maxInputBytes(MAX_INPUT_BYTES).rememberValidProofs(VALID_PROOFS, Duration.ofHours(1)).build();
        this.holderProofs = new HolderProofVerifier(resolver, clock);
    }

    /**
     * Verifies a credential given as bytes.
     *
     * @param contentType       a hint such as {@code image/svg+xml}; the form is detected from the bytes anyway
     * @param expectedRecipient an e-mail address the credential must have been issued to, or {@code null}
     */
    public VerificationReport verify(byte[] input, @Nullable String contentType, @Nullable String expectedRecipient) {
        return check(input, contentType, expectedRecipient).report();
    }

    /**
     * {@link #verify} with the issuer's standing. A credential of this platform's issuers verified before, byte for
     * byte, is answered from its kept outcome while nothing it read has changed ({@link KeptOutcomes}): one query.
     */
    public Checked check(byte[] input, @Nullable String contentType, @Nullable String expectedRecipient) {
        if (input.length <= MAX_INPUT_BYTES && !PngBaker.isPng(input)
                && ((contentType != null && contentType.toLowerCase(Locale.ROOT).contains("svg")) || SvgBaker.looksLikeSvg(input))) {
            var script = SvgScripts.find(input);
            if (script.isPresent()) {
                return new Checked(unreadable("UNSAFE_IMAGE", "The SVG image contains " + script.get()
                        + "; badge images must not contain active content, so it was not checked.",
                        "Not verified: the SVG image contains active content (" + script.get() + ")."), IssuerStandings.Standing.UNCHECKED);
            }
        }
        String recipient = blankToNull(expectedRecipient);
        KeptOutcomes.Key key = outcomes == null || input.length > MAX_INPUT_BYTES ? null : KeptOutcomes.key(input, contentType, recipient);
        if (key != null) {
            Optional<Checked> kept = outcomes.find(key);
            if (kept.isPresent()) return kept.get();
        }
        KeptOutcomes.Reads reads = new KeptOutcomes.Reads();
        Instant checkedAt = clock.instant();
        VerificationReport report;
        READS.set(reads);
        try {
            // Nesting is refused by counted limits before anything recurses (InputLimits: JSON depth, XML element depth).
            report = verifier.verify(input, contentType, recipient);
        } finally {
            READS.remove();
        }
        if (key != null) {
            Optional<Checked> kept = outcomes.keep(key, report, reads, checkedAt, input.length);
            if (kept.isPresent()) return kept.get();
        }
        return new Checked(report, IssuerStandings.forReport(standings, report));
    }

    /** Whether an outcome is kept for these bytes (for tests: an answer came from a kept outcome, or will). */
    boolean keepsOutcomeOf(byte[] input, @Nullable String contentType, @Nullable String expectedRecipient) {
        return outcomes != null && outcomes.contains(KeptOutcomes.key(input, contentType, blankToNull(expectedRecipient)));
    }

    /** This platform's documents, each read recorded with its version for the verification running on this thread. */
    private static OwnDocuments recording(OwnDocuments own, boolean didDocuments) {
        return new OwnDocuments() {
            @Override
            public Optional<byte[]> find(URI uri) throws FileNotFoundException {
                return read(uri).map(Versioned::bytes);
            }

            @Override
            public Optional<Versioned> read(URI uri) throws FileNotFoundException {
                KeptOutcomes.Reads reads = READS.get();
                Optional<Versioned> document;
                try {
                    document = own.read(uri);
                } catch (FileNotFoundException | RuntimeException e) {
                    if (reads != null) reads.other();
                    throw e;
                }
                if (reads != null) reads.read(didDocuments, uri, document);
                return document;
            }
        };
    }

    /**
     * did:web resolution that keeps this platform's own DID documents parsed under their version, so a verification
     * whose outcome could not be reused (a new credential, a revocation) does not parse them again; other DIDs go to
     * {@code others}.
     */
    private static DidResolver ownParsed(OwnDocuments own, DidResolver others) {
        Cache<String, DidDocument> parsed = Caffeine.newBuilder().maximumSize(PARSED_DID_DOCUMENTS).expireAfterAccess(Duration.ofHours(1)).build();
        return did -> {
            String bare = Did.withoutFragment(did);
            URI url = DidWeb.toUrl(bare, true);
            Optional<OwnDocuments.Versioned> ours;
            try {
                ours = own.read(url);
            } catch (FileNotFoundException e) {
                throw new DidResolutionException(DidResolutionException.Code.NOT_FOUND, "no DID document at " + url, e);
            }
            if (ours.isEmpty() || ours.get().version() == null) return others.resolve(did);
            String key = bare + " " + ours.get().version();
            DidDocument kept = parsed.getIfPresent(key);
            if (kept != null) return kept;
            // Parsed and checked exactly as a fetched one (size, nesting, id).
            byte[] body = ours.get().bytes();
            DidDocument document = DidWebResolver.allowingHttpOnLoopback(uri -> body).resolve(bare);
            parsed.put(key, document);
            return document;
        };
    }

    /**
     * Checks a presentation's own proof by its holder (the W3C VC-API's presentation verification); {@code challenge}
     * and {@code domain} are compared when given. The credentials in it are the caller's to verify, one by one.
     */
    public HolderProofResult verifyPresentationProof(jakarta.json.JsonObject presentation, @Nullable String challenge,
            @Nullable String domain) {
        return holderProofs.verifyPresentation(presentation, challenge, domain);
    }

    /**
     * Checks a VP-JWT's signature by its holder; its {@code nonce} and {@code aud} are compared with {@code challenge}
     * and {@code domain} when they are given. The credentials in it are the caller's to verify, one by one.
     */
    public HolderProofResult verifyPresentationJwt(String token, @Nullable String challenge, @Nullable String domain) {
        return holderProofs.verifyPresentationJwt(token, challenge, domain);
    }

    private static VerificationReport unreadable(String code, String message, String summary) {
        return new VerificationReport(false, List.of(new Check(Check.FORMAT, CheckStatus.FAILED, code, message)), summary, NO_DETAILS, null);
    }

    /**
     * Fetches the badge at a public address (a credential URL, a JSON or JWT file, a baked image) and verifies it. A
     * badge page that answers with HTML is followed once to the credential it links to as
     * {@code <link rel="alternate" type="application/vc+ld+json">}. The report starts with a {@value #FETCH} check; the
     * issuer's standing comes with it.
     */
    public Checked checkUrl(String url, @Nullable String expectedRecipient) {
        VerificationReport report = verifyUrl(url, expectedRecipient);
        return new Checked(report, IssuerStandings.forReport(standings, report));
    }

    /** {@link #checkUrl} without the issuer's standing. */
    public VerificationReport verifyUrl(String url, @Nullable String expectedRecipient) {
        String address = url.strip();
        URI uri;
        try {
            uri = new URI(address);
            if (!uri.isAbsolute()) {
                return notFetched(address, "INVALID_URL", "\"" + shorten(address) + "\" is not a complete web address (it needs https://).");
            }
        } catch (URISyntaxException e) {
            return notFetched(address, "INVALID_URL", "\"" + shorten(address) + "\" is not a valid web address.");
        }
        SafeDocumentFetcher.Fetched fetched;
        try {
            fetched = fetcher.get(uri, BADGE_ACCEPT, MAX_INPUT_BYTES);
            if (isHtml(fetched)) {
                URI linked = credentialLink(fetched);
                if (linked == null) {
                    return notFetched(address, "NO_CREDENTIAL_AT_URL",
                            "The address shows a web page that does not link to a credential; give the badge's own address or download it.");
                }
                fetched = fetcher.get(linked, BADGE_ACCEPT, MAX_INPUT_BYTES);
            }
        } catch (FetchException e) {
            return notFetched(address, e.reason().name(), e.getMessage());
        } catch (DocumentGoneException e) {
            return notFetched(address, "GONE", "The badge at " + shorten(address) + " was withdrawn by its host (HTTP 410 Gone);"
                    + " for an Open Badges 2.0 badge that means its issuer revoked it.");
        } catch (FileNotFoundException e) {
            return notFetched(address, "NOT_FOUND", "Nothing was found at " + shorten(address) + ".");
        } catch (IOException | RuntimeException e) {
            return notFetched(address, "UNREACHABLE", "The badge could not be fetched from " + shorten(address) + ".");
        }
        VerificationReport report = verify(fetched.body(), fetched.contentType(), expectedRecipient);
        List<Check> checks = new ArrayList<>();
        checks.add(new Check(FETCH, CheckStatus.PASSED, "FETCHED", "Fetched the badge from " + shorten(fetched.uri().toString()) + "."));
        checks.addAll(report.checks());
        return new VerificationReport(report.verified(), checks, report.summary(), report.details(), report.credential());
    }

    private static VerificationReport notFetched(String url, String code, String message) {
        return new VerificationReport(false, List.of(new Check(FETCH, CheckStatus.FAILED, code, message)),
                "Not verified: the badge could not be fetched from " + shorten(url) + ".", NO_DETAILS, null);
    }

    private static boolean isHtml(SafeDocumentFetcher.Fetched fetched) {
        String type = fetched.contentType() == null ? "" : fetched.contentType().toLowerCase(Locale.ROOT);
        if (type.startsWith("text/html") || type.startsWith("application/xhtml")) return true;
        String start = new String(fetched.body(), 0, Math.min(fetched.body().length, 512), StandardCharsets.UTF_8).strip()
                .toLowerCase(Locale.ROOT);
        return start.startsWith("<!doctype html") || start.startsWith("<html");
    }

    /** The first {@code <link rel="alternate">} of the page whose type is a credential's. */
    private static @Nullable URI credentialLink(SafeDocumentFetcher.Fetched page) {
        String html = new String(page.body(), StandardCharsets.UTF_8);
        Matcher links = LINK.matcher(html);
        while (links.find()) {
            String rel = null;
            String type = null;
            String href = null;
            Matcher a = ATTRIBUTE.matcher(links.group());
            while (a.find()) {
                String value = a.group(2).substring(1, a.group(2).length() - 1).replace("&amp;", "&").strip();
                switch (a.group(1).toLowerCase(Locale.ROOT)) {
                    case "rel" -> rel = value.toLowerCase(Locale.ROOT);
                    case "type" -> type = value.toLowerCase(Locale.ROOT);
                    case "href" -> href = value;
                    default -> { }
                }
            }
            if (rel != null && List.of(rel.split("\\s+")).contains("alternate") && type != null && href != null
                    && CREDENTIAL_TYPES.contains(type)) {
                try {
                    return page.uri().resolve(new URI(href));
                } catch (URISyntaxException | IllegalArgumentException e) {
                    return null;
                }
            }
        }
        return null;
    }

    private static @Nullable String blankToNull(@Nullable String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static String shorten(String s) {
        return s.length() > 200 ? s.substring(0, 200) + "…" : s;
    }
}
