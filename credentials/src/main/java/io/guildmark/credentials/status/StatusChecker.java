package io.guildmark.credentials.status;

import jakarta.json.spi.JsonProvider;
import io.guildmark.credentials.InputLimits;
import io.guildmark.credentials.did.DocumentFetcher;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.ByteArrayInputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Answers whether a credential is active, revoked or suspended, from its {@code credentialStatus} entries
 * ({@code BitstringStatusListEntry} and {@code 1EdTechRevocationList}). Lists are fetched through a
 * {@link DocumentFetcher}; a Bitstring status list credential must pass the {@link StatusListVerifier} and be issued
 * by the credential's issuer. When there are several entries, the worst answer wins. Thread safe.
 */
public final class StatusChecker {

    /** Looked up once: {@code Json.create…} searches the class path for the provider on every call. */
    private static final JsonProvider JSON = JsonProvider.provider();

    /** Status documents larger than this are refused before parsing. */
    public static final int MAX_LIST_DOCUMENT_BYTES = 8 * 1024 * 1024;

    private final DocumentFetcher fetcher;
    private final StatusListVerifier listVerifier;
    private final Clock clock;

    public StatusChecker(DocumentFetcher fetcher, StatusListVerifier listVerifier, Clock clock) {
        this.fetcher = Objects.requireNonNull(fetcher, "fetcher");
        this.listVerifier = Objects.requireNonNull(listVerifier, "listVerifier");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Checks every {@code credentialStatus} entry of the credential. Never throws for bad input. */
    public StatusResult check(JsonObject credential) {
        var status = credential.get("credentialStatus");
        if (status == null) {
            return new StatusResult(StatusResult.State.NONE, "NO_STATUS",
                    "The credential has no status information.", null, null, List.of());
        }
        List<JsonValue> entries = status instanceof JsonArray a ? a : List.of(status);
        var issuerId = issuerId(credential);
        var credentialId = credential.get("id") instanceof JsonString s ? s.getString() : null;
        StatusResult worst = null;
        for (var entry : entries) {
            StatusResult result;
            try {
                result = entry instanceof JsonObject o ? checkEntry(o, issuerId, credentialId)
                        : StatusResult.unknown("MALFORMED_STATUS_ENTRY", "A credentialStatus entry is not an object.");
            } catch (RuntimeException e) {
                result = StatusResult.unknown("MALFORMED_STATUS_ENTRY",
                        "A credentialStatus entry could not be read: " + e.getMessage());
            }
            if (worst == null || result.severity() > worst.severity()) {
                worst = result;
            }
        }
        return worst == null ? new StatusResult(StatusResult.State.NONE, "NO_STATUS",
                "The credential has no status information.", null, null, List.of()) : worst;
    }

    private StatusResult checkEntry(JsonObject entry, String issuerId, String credentialId) {
        var type = entry.get("type");
        var types = new ArrayList<String>();
        if (type instanceof JsonString s) {
            types.add(s.getString());
        } else if (type instanceof JsonArray a) {
            a.forEach(v -> types.add(v instanceof JsonString s ? s.getString() : ""));
        }
        if (types.contains(BitstringStatusListEntry.TYPE)) {
            return checkBitstring(entry, issuerId);
        }
        if (types.contains(RevocationList.TYPE)) {
            return checkRevocationList(entry, issuerId, credentialId);
        }
        return StatusResult.unknown("UNSUPPORTED_STATUS_TYPE",
                "The status method " + types + " is not supported, so revocation could not be checked.");
    }

    // Bitstring Status List "Validate Algorithm".
    private StatusResult checkBitstring(JsonObject json, String issuerId) {
        BitstringStatusListEntry entry;
        try {
            entry = BitstringStatusListEntry.fromJson(json);
        } catch (IllegalArgumentException e) {
            return StatusResult.unknown("MALFORMED_STATUS_ENTRY", "The status entry is invalid: " + e.getMessage());
        }
        if (json.containsKey("statusSize") && !"1".equals(json.get("statusSize").toString().replace("\"", ""))) {
            return StatusResult.unknown("UNSUPPORTED_STATUS_TYPE", "Status entries wider than one bit are not supported.");
        }
        JsonObject listCredential;
        try {
            listCredential = fetchJson(entry.statusListCredential());
        } catch (IOException e) {
            return StatusResult.unknown("STATUS_RETRIEVAL_ERROR",
                    "The status list " + entry.statusListCredential() + " could not be retrieved: " + e.getMessage());
        }
        // Step 3: the status list credential must verify.
        var problem = listVerifier.problem(listCredential);
        if (problem.isPresent()) {
            return StatusResult.unknown("STATUS_VERIFICATION_ERROR",
                    "The status list " + entry.statusListCredential() + " could not be verified: " + problem.get());
        }
        var listIssuer = issuerId(listCredential);
        if (issuerId == null || !issuerId.equals(listIssuer)) {
            return StatusResult.unknown("STATUS_ISSUER_MISMATCH",
                    "The status list was issued by " + listIssuer + ", not by the credential's issuer " + issuerId + ".");
        }
        var now = clock.instant();
        var listFrom = instant(listCredential, "validFrom");
        var listUntil = instant(listCredential, "validUntil");
        if (listFrom != null && now.isBefore(listFrom)) {
            return StatusResult.unknown("STATUS_VERIFICATION_ERROR", "The status list is not valid until " + listFrom + ".");
        }
        if (listUntil != null && !now.isBefore(listUntil)) {
            return StatusResult.unknown("STATUS_LIST_EXPIRED", "The status list expired on " + listUntil + ".");
        }
        if (!(listCredential.get("credentialSubject") instanceof JsonObject subject)
                || !(subject.get("encodedList") instanceof JsonString encoded)) {
            return StatusResult.unknown("STATUS_VERIFICATION_ERROR", "The status list credential has no encodedList.");
        }
        // Step 6: the list's purpose must match the entry's.
        var listPurpose = subject.get("statusPurpose") instanceof JsonString p ? p.getString() : null;
        if (!entry.statusPurpose().value().equals(listPurpose)) {
            return StatusResult.unknown("STATUS_PURPOSE_MISMATCH", "The entry's purpose " + entry.statusPurpose().value()
                    + " does not match the list's purpose " + listPurpose + ".");
        }
        BitstringStatusList list;
        try {
            list = BitstringStatusList.decode(encoded.getString());
        } catch (IllegalArgumentException e) {
            return StatusResult.unknown("STATUS_VERIFICATION_ERROR", "The status list is unreadable: " + e.getMessage());
        }
        var warnings = new ArrayList<String>();
        if (list.isBelowMinimumSize()) {
            warnings.add("The status list has " + list.size() + " entries, fewer than the " + BitstringStatusList.MINIMUM_SIZE
                    + " the specification requires for privacy.");
        }
        if (entry.statusListIndex() >= list.size()) {
            return StatusResult.unknown("STATUS_RANGE_ERROR", "Status index " + entry.statusListIndex()
                    + " is outside the status list of " + list.size() + " entries.");
        }
        boolean set = list.get(entry.statusListIndex());
        if (!set) {
            return new StatusResult(StatusResult.State.ACTIVE, "ACTIVE", "The credential is not "
                    + (entry.statusPurpose() == StatusPurpose.REVOCATION ? "revoked" : "suspended") + ".",
                    null, listFrom, warnings);
        }
        return entry.statusPurpose() == StatusPurpose.REVOCATION
                ? new StatusResult(StatusResult.State.REVOKED, "REVOKED", "The issuer has revoked the credential.", null,
                listFrom, warnings)
                : new StatusResult(StatusResult.State.SUSPENDED, "SUSPENDED", "The issuer has suspended the credential.",
                null, listFrom, warnings);
    }

    private StatusResult checkRevocationList(JsonObject entry, String issuerId, String credentialId) {
        if (!(entry.get("id") instanceof JsonString listUrl)) {
            return StatusResult.unknown("MALFORMED_STATUS_ENTRY", "The 1EdTechRevocationList entry has no id.");
        }
        if (credentialId == null) {
            return StatusResult.unknown("MALFORMED_STATUS_ENTRY",
                    "The credential has no id, so it can't be looked up in a revocation list.");
        }
        JsonObject json;
        try {
            json = fetchJson(listUrl.getString());
        } catch (IOException e) {
            return StatusResult.unknown("STATUS_RETRIEVAL_ERROR",
                    "The revocation list " + listUrl.getString() + " could not be retrieved: " + e.getMessage());
        }
        // The 1EdTech list is a plain JSON document served by the issuer; when it carries a proof, the proof must hold.
        if (json.containsKey("proof")) {
            var problem = listVerifier.problem(json);
            if (problem.isPresent()) {
                return StatusResult.unknown("STATUS_VERIFICATION_ERROR",
                        "The revocation list could not be verified: " + problem.get());
            }
        }
        RevocationList list;
        try {
            list = RevocationList.fromJson(json);
        } catch (IllegalArgumentException e) {
            return StatusResult.unknown("STATUS_VERIFICATION_ERROR", "The revocation list is invalid: " + e.getMessage());
        }
        if (list.issuer() != null && !list.issuer().equals(issuerId)) {
            return StatusResult.unknown("STATUS_ISSUER_MISMATCH",
                    "The revocation list belongs to " + list.issuer() + ", not to the credential's issuer " + issuerId + ".");
        }
        var listDate = instant(json, "validFrom");
        return list.find(credentialId)
                .map(r -> new StatusResult(StatusResult.State.REVOKED, "REVOKED", "The issuer has revoked the credential.",
                        r.revocationReason(), listDate, List.of()))
                .orElseGet(() -> new StatusResult(StatusResult.State.ACTIVE, "ACTIVE",
                        "The credential is not on the issuer's revocation list.", null, listDate, List.of()));
    }

    private JsonObject fetchJson(String url) throws IOException {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new IOException("not a URL: " + url);
        }
        if (!"https".equals(uri.getScheme()) && !"http".equals(uri.getScheme())) {
            throw new IOException("only http(s) status lists are fetched");
        }
        byte[] body;
        try {
            body = fetcher.fetch(uri);
        } catch (FileNotFoundException e) {
            throw new IOException("not found", e);
        } catch (RuntimeException e) {
            throw new IOException(e.getMessage(), e);
        }
        if (body == null || body.length > MAX_LIST_DOCUMENT_BYTES) {
            throw new IOException("the document is missing or larger than " + MAX_LIST_DOCUMENT_BYTES + " bytes");
        }
        if (InputLimits.jsonTooDeep(body)) throw new IOException("the document is nested too deeply");
        try (var reader = JSON.createReader(new ByteArrayInputStream(body))) {
            return reader.readObject();
        } catch (JsonException | IllegalStateException e) {
            throw new IOException("the document is not a JSON object", e);
        }
    }

    static String issuerId(JsonObject credential) {
        var issuer = credential.get("issuer");
        if (issuer instanceof JsonString s) {
            return s.getString();
        }
        if (issuer instanceof JsonObject o && o.get("id") instanceof JsonString s) {
            return s.getString();
        }
        return null;
    }

    private static Instant instant(JsonObject json, String name) {
        if (json.get(name) instanceof JsonString s) {
            try {
                return java.time.OffsetDateTime.parse(s.getString()).toInstant();
            } catch (DateTimeParseException e) {
                return null;
            }
        }
        return null;
    }
}
