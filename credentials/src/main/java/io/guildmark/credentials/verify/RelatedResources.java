package io.guildmark.credentials.verify;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import io.guildmark.credentials.did.DocumentFetcher;
import io.guildmark.credentials.jsonld.BundledContexts;
import io.guildmark.credentials.proof.Multibase;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

/**
 * The integrity of a credential's related resources (VCDM 2.0 §5.3): each {@code relatedResource} is retrieved and its
 * {@code digestSRI} and {@code digestMultibase} compared with the digest of what was retrieved; a mismatch is an
 * error, as the data model requires.
 *
 * <ul>
 *   <li>{@code digestSRI}: one or more Subresource Integrity expressions {@code sha256-…}, {@code sha384-…} or
 *       {@code sha512-…} (base64, or base64url as some issuers write it), separated by spaces; as in SRI, the resource
 *       matches when one expression of the strongest algorithm given matches.</li>
 *   <li>{@code digestMultibase}: multibase ({@code u} base64url or {@code z} base58btc) of a multihash (sha2-256,
 *       sha2-384, sha2-512), or of the bare SHA-256/384/512 digest, as the W3C examples and test suite write it.</li>
 * </ul>
 *
 * <p>A bundled JSON-LD context is not fetched: the verifier reads its bundled bytes (it uses no other) and the bytes
 * of the published revisions it knows ({@link BundledContexts#knownRevisions}), since the W3C changed the bytes of
 * {@code https://www.w3.org/ns/credentials/v2} after the revision whose SHA-256 the Recommendation states. Anything
 * else is retrieved through the caller's {@link DocumentFetcher} (in the application the SSRF-guarded, size- and
 * time-bounded one). At most {@value #MAX_RESOURCES} resources are checked per credential.
 */
public final class RelatedResources {

    /** The most related resources one credential may name (each is retrieved). */
    public static final int MAX_RESOURCES = 20;
    private static final int MAX_DIGEST_LENGTH = 400;

    /** What was found: every related resource matched (or there was none), one did not, or one could not be retrieved. */
    public enum Outcome { NONE, MATCHED, MISMATCH, UNAVAILABLE, INVALID }

    /** The outcome and, unless everything matched, a sentence naming the resource and why. */
    public record Result(Outcome outcome, String message) {
        public Result {
            Objects.requireNonNull(outcome, "outcome");
            Objects.requireNonNull(message, "message");
        }
    }

    /**
     * How long retrieving one credential's related resources may take in all: each retrieval has its own time limit,
     * but twenty slow answers in a row would hold a verification for minutes. No retrieval starts after this.
     */
    public static final Duration BUDGET = Duration.ofSeconds(10);

    private final DocumentFetcher fetcher;
    private final Duration budget;

    public RelatedResources(DocumentFetcher fetcher) {
        this(fetcher, BUDGET);
    }

    public RelatedResources(DocumentFetcher fetcher, Duration budget) {
        this.fetcher = Objects.requireNonNull(fetcher);
        this.budget = Objects.requireNonNull(budget);
    }

    /**
     * Checks every related resource of the credential, in order, and stops at the first that does not match, can't be
     * retrieved, or is malformed. Never throws for bad input.
     */
    public Result check(JsonObject credential) {
        JsonValue value = credential.get("relatedResource");
        if (value == null || value == JsonValue.NULL) return new Result(Outcome.NONE, "The credential names no related resources.");
        List<JsonValue> entries = value instanceof JsonArray a ? a : List.of(value);
        if (entries.size() > MAX_RESOURCES) {
            return new Result(Outcome.INVALID, "The credential names " + entries.size() + " related resources; at most "
                    + MAX_RESOURCES + " are checked.");
        }
        int checked = 0;
        long deadline = System.nanoTime() + budget.toNanos();
        for (JsonValue entry : entries) {
            if (!(entry instanceof JsonObject resource) || !(resource.get("id") instanceof JsonString idValue)) {
                return new Result(Outcome.INVALID, "Each relatedResource must be an object with an id.");
            }
            String id = idValue.getString();
            List<Expected> expected = new ArrayList<>();
            String problem = expectedDigests(resource, expected);
            if (problem != null) return new Result(Outcome.INVALID, "The related resource " + shorten(id) + ": " + problem);
            if (!BundledContexts.isBundled(id) && System.nanoTime() - deadline > 0) {
                return new Result(Outcome.UNAVAILABLE, "Retrieving the related resources took longer than " + budget.toSeconds()
                        + " s in all, so the digest of " + shorten(id) + " was not checked.");
            }
            List<byte[]> candidates;
            try {
                candidates = retrieve(id);
            } catch (FileNotFoundException e) {
                return new Result(Outcome.UNAVAILABLE, "The related resource " + shorten(id) + " was not found (404), so its "
                        + "digest could not be checked.");
            } catch (IOException | IllegalArgumentException e) {
                return new Result(Outcome.UNAVAILABLE, "The related resource " + shorten(id) + " could not be retrieved, so "
                        + "its digest could not be checked" + (e.getMessage() == null ? "." : ": " + e.getMessage()));
            }
            for (List<Expected> anyOf : requirements(expected)) {
                boolean matches = anyOf.stream().anyMatch(digest -> candidates.stream().anyMatch(digest::matches));
                if (!matches) {
                    Expected digest = anyOf.get(0);
                    return new Result(Outcome.MISMATCH, "The " + digest.member() + " of the related resource " + shorten(id)
                            + " does not match the " + digest.algorithm().toLowerCase(Locale.ROOT)
                            + " digest of the resource retrieved from it: the resource changed, or the digest is wrong.");
                }
            }
            checked++;
        }
        return new Result(Outcome.MATCHED, checked == 1 ? "The digest of the related resource matches."
                : "The digests of all " + checked + " related resources match.");
    }

    private List<byte[]> retrieve(String id) throws IOException {
        if (BundledContexts.isBundled(id)) return BundledContexts.knownRevisions(id);
        URI uri;
        try {
            uri = new URI(id);
        } catch (URISyntaxException e) {
            throw new IOException("it is not an address");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http")) {
            throw new IOException("only http and https addresses can be retrieved");
        }
        return List.of(fetcher.fetch(uri));
    }

    /** One digest the issuer gave: the member it came from, the algorithm (a JCA name) and the value. */
    private record Expected(String member, String algorithm, int strength, byte[] value) {
        boolean matches(byte[] bytes) {
            return MessageDigest.isEqual(value, digest(algorithm, bytes));
        }
    }

    /** Reads both members; answers a problem in words when one is malformed, else null. */
    private static String expectedDigests(JsonObject resource, List<Expected> out) {
        JsonValue sri = resource.get("digestSRI");
        JsonValue multibase = resource.get("digestMultibase");
        if (sri == null && multibase == null) return "it has neither a digestSRI nor a digestMultibase.";
        if (sri != null) {
            if (!(sri instanceof JsonString s) || s.getString().length() > MAX_DIGEST_LENGTH || s.getString().isBlank()) {
                return "its digestSRI must be a Subresource Integrity string such as sha384-….";
            }
            for (String expression : s.getString().strip().split("\\s+")) {
                Expected e = sri(expression);
                if (e == null) return "its digestSRI \"" + shorten(expression) + "\" is not a sha256, sha384 or sha512 "
                        + "Subresource Integrity expression.";
                out.add(e);
            }
        }
        if (multibase != null) {
            if (!(multibase instanceof JsonString s) || s.getString().length() > MAX_DIGEST_LENGTH) {
                return "its digestMultibase must be a multibase string.";
            }
            Expected e = multibase(s.getString());
            if (e == null) return "its digestMultibase is not a multibase (u or z) SHA-256, SHA-384 or SHA-512 digest or "
                    + "multihash.";
            out.add(e);
        }
        return null;
    }

    private static Expected sri(String expression) {
        int dash = expression.indexOf('-');
        if (dash < 0) return null;
        String algorithm = switch (expression.substring(0, dash).toLowerCase(Locale.ROOT)) {
            case "sha256" -> "SHA-256";
            case "sha384" -> "SHA-384";
            case "sha512" -> "SHA-512";
            default -> null;
        };
        if (algorithm == null) return null;
        String encoded = expression.substring(dash + 1);
        int options = encoded.indexOf('?');
        if (options >= 0) encoded = encoded.substring(0, options);
        byte[] value;
        try {
            value = encoded.indexOf('-') >= 0 || encoded.indexOf('_') >= 0
                    ? Base64.getUrlDecoder().decode(encoded) : Base64.getDecoder().decode(encoded);
        } catch (IllegalArgumentException e) {
            return null;
        }
        if (value.length != length(algorithm)) return null;
        return new Expected("digestSRI", algorithm, strength(algorithm), value);
    }

    private static Expected multibase(String text) {
        byte[] bytes;
        try {
            bytes = Multibase.decode(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
        for (String algorithm : List.of("SHA-256", "SHA-384", "SHA-512")) {
            if (bytes.length == length(algorithm)) {
                return new Expected("digestMultibase", algorithm, strength(algorithm), bytes);
            }
            byte[] header = multihashHeader(algorithm);
            if (bytes.length == header.length + length(algorithm)
                    && Arrays.equals(Arrays.copyOf(bytes, header.length), header)) {
                return new Expected("digestMultibase", algorithm, strength(algorithm),
                        Arrays.copyOfRange(bytes, header.length, bytes.length));
            }
        }
        return null;
    }

    /**
     * What must match: for each member given, its digests of the strongest algorithm it names, of which one matching is
     * enough (the Subresource Integrity rule; a digestMultibase is one digest).
     */
    private static List<List<Expected>> requirements(List<Expected> all) {
        List<List<Expected>> required = new ArrayList<>();
        for (String member : List.of("digestSRI", "digestMultibase")) {
            int strongest = all.stream().filter(e -> e.member().equals(member)).mapToInt(Expected::strength).max().orElse(-1);
            List<Expected> ofMember = all.stream().filter(e -> e.member().equals(member) && e.strength() == strongest).toList();
            if (!ofMember.isEmpty()) required.add(ofMember);
        }
        return required;
    }

    private static byte[] multihashHeader(String algorithm) {
        return switch (algorithm) {
            case "SHA-256" -> new byte[] {0x12, 0x20};
            case "SHA-384" -> new byte[] {0x20, 0x30};
            default -> new byte[] {0x13, 0x40};
        };
    }

    private static int length(String algorithm) {
        return switch (algorithm) {
            case "SHA-256" -> 32;
            case "SHA-384" -> 48;
            default -> 64;
        };
    }

    private static int strength(String algorithm) {
        return length(algorithm);
    }

    private static byte[] digest(String algorithm, byte[] bytes) {
        try {
            return MessageDigest.getInstance(algorithm).digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is not available", e);
        }
    }

    private static String shorten(String text) {
        return text.length() > 120 ? text.substring(0, 120) + "…" : text;
    }
}
