package io.guildmark.app.verification;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;

import io.guildmark.app.shared.EmailAddress;
import io.guildmark.app.shared.Problem;
import io.guildmark.credentials.InputLimits;
import io.guildmark.credentials.baking.PngBaker;
import io.guildmark.credentials.holder.HolderProofResult;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonStructure;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.jspecify.annotations.Nullable;

/**
 * What an employer hands in for one batch check, taken apart into the credentials to verify: files (JSON-LD, VC-JWT,
 * baked PNG or SVG), ZIPs of such files, badge addresses one per line, a CSV of {@code url,name,email} naming the
 * candidate of each badge, a JSON array of credentials, and presentations (each credential in it on its own).
 *
 * <p>Everything is bounded before it is kept: at most {@value #MAX_CREDENTIALS} credentials; a ZIP at most
 * {@value #MAX_ZIP_ENTRIES} entries, {@value #MAX_ZIP_EXPANDED} bytes unpacked in all and {@value #MAX_ZIP_RATIO} times
 * its own size, no entry outside its root and no ZIP inside a ZIP. Breaking a bound refuses the whole batch (a
 * {@link Problem}); a single unreadable item becomes a row that says so.
 */
final class BatchInput {

    static final int MAX_CREDENTIALS = 1000;
    static final int MAX_ZIP_ENTRIES = 2000;
    static final long MAX_ZIP_EXPANDED = 100L * 1024 * 1024;
    static final int MAX_ZIP_RATIO = 100;
    /** Below this, a high ratio is harmless (a ZIP of a few small JSON files compresses well). */
    static final long RATIO_FLOOR = 1024L * 1024;
    static final int MAX_URL_LENGTH = 2048;
    static final int MAX_NAME_LENGTH = 200;
    static final int MAX_SOURCE_LENGTH = 300;

    private static final JsonProvider JSON = JsonProvider.provider();

    /** Who a badge was shown by, as the employer's CSV names them. */
    record Candidate(String name, @Nullable String email) {}

    /**
     * One credential to check: where it came from ("badges.zip › alice.png", "CSV row 3"), its candidate if the CSV
     * named one, and either its bytes, its address, or why it could not even be read ({@code unreadable}).
     */
    record Item(String source, @Nullable Candidate candidate, byte @Nullable [] bytes, @Nullable String contentType,
            @Nullable String url, @Nullable String unreadable, @Nullable Presented presented) {

        Item(String source, @Nullable Candidate candidate, byte @Nullable [] bytes, @Nullable String contentType, @Nullable String url,
                @Nullable String unreadable) {
            this(source, candidate, bytes, contentType, url, unreadable, null);
        }

        static Item bytes(String source, byte[] bytes, @Nullable String contentType) {
            return new Item(source, null, bytes, contentType, null, null);
        }

        static Item url(String source, @Nullable Candidate candidate, String url) {
            return new Item(source, candidate, null, null, url, null);
        }

        static Item unreadable(String source, String why) {
            return new Item(source, null, null, null, null, why);
        }

        Item in(Presented presented) {
            return new Item(source, candidate, bytes, contentType, url, unreadable, presented);
        }
    }

    /** A presentation is checked for its holder's proof when it is at most this large (as the VC-API's presentations). */
    static final int MAX_PROVEN_PRESENTATION_BYTES = 1024 * 1024;

    /**
     * A {@code VerifiablePresentation} that credentials of the batch came in, as JSON or as a VP-JWT: who it says holds
     * them, and its own proof by that holder, checked once for all its credentials ({@link #proof}). A presentation
     * larger than {@value #MAX_PROVEN_PRESENTATION_BYTES} bytes is taken apart, but its proof is not checked.
     */
    static final class Presentation {
        final @Nullable String holder;
        final boolean hasProof;
        private final boolean tooLarge;
        private final @Nullable JsonObject presentation;
        private final @Nullable String jwt;
        private @Nullable HolderProofResult proof;

        Presentation(JsonObject vp, int size) {
            this.holder = holderOf(vp);
            this.hasProof = vp.get("proof") != null && vp.get("proof") != JsonValue.NULL;
            this.tooLarge = size > MAX_PROVEN_PRESENTATION_BYTES;
            this.presentation = tooLarge ? null : vp;
            this.jwt = null;
        }

        /** A VP-JWT: its holder is the presentation's, else the token's {@code iss}; its signature is the holder's proof. */
        Presentation(String jwt, JsonObject vp, @Nullable String iss) {
            String named = holderOf(vp);
            this.holder = named != null ? named : iss;
            this.hasProof = true;
            this.tooLarge = jwt.length() > MAX_PROVEN_PRESENTATION_BYTES;
            this.presentation = null;
            this.jwt = tooLarge ? null : jwt;
        }

        private static @Nullable String holderOf(JsonObject vp) {
            JsonValue h = vp.get("holder");
            return h instanceof JsonString s ? s.getString() : h instanceof JsonObject o && o.get("id") instanceof JsonString s ? s.getString() : null;
        }

        /** How a batch checks a holder's proof: a JSON presentation's Data Integrity proof, or a VP-JWT's signature. */
        interface ProofCheck {
            HolderProofResult dataIntegrity(JsonObject presentation);

            HolderProofResult jwt(String token);
        }

        /**
         * The holder's proof, checked the first time a credential of the presentation asks; null when it has none, a
         * {@code TOO_LARGE} failure (not checked) when the presentation is over the size limit.
         */
        synchronized @Nullable HolderProofResult proof(ProofCheck check) {
            if (!hasProof) return null;
            if (proof == null) {
                proof = tooLarge
                        ? new HolderProofResult(HolderProofResult.Code.TOO_LARGE, "The presentation is larger than 1 MB: its proof "
                                + "was not checked.", null, null, null)
                        : jwt != null ? check.jwt(jwt) : check.dataIntegrity(java.util.Objects.requireNonNull(presentation));
            }
            return proof;
        }
    }

    /** A credential as it came in a presentation: the presentation, and the subject id the credential names (a claim). */
    record Presented(Presentation presentation, @Nullable String subjectId) {}

    private final List<Item> items = new ArrayList<>();
    private final List<String> labels = new ArrayList<>();

    List<Item> items() {
        return List.copyOf(items);
    }

    /** What was handed in, in a few words: "badges.zip, 3 addresses". */
    String label() {
        String all = String.join(", ", labels);
        return all.length() > MAX_SOURCE_LENGTH ? all.substring(0, MAX_SOURCE_LENGTH - 1) + "…" : all;
    }

    boolean isEmpty() {
        return items.isEmpty();
    }

    /** An uploaded file: a ZIP, a CSV, a list of addresses, a JSON array or presentation, or one credential. */
    void file(@Nullable String fileName, @Nullable String contentType, byte[] bytes) {
        String name = fileName == null || fileName.isBlank() ? "uploaded file" : shorten(fileName.strip(), 120);
        labels.add(name);
        addFile(name, name, contentType, bytes, false);
    }

    /** Badge addresses, one per line; blank lines and lines starting with # are skipped. */
    void urls(String text) {
        int before = items.size();
        int line = 0;
        for (String raw : text.split("\\R")) {
            line++;
            String url = raw.strip();
            if (url.isEmpty() || url.startsWith("#")) continue;
            if (looksLikeJwt(url)) jwtLine("line " + line, url);
            else addUrl("address on line " + line, null, url);
        }
        if (items.size() > before) labels.add((items.size() - before) + " addresses");
    }

    /** A CSV of {@code url,name,email}, with or without that header line. */
    void csv(String source, String text) {
        CSVFormat format = CSVFormat.DEFAULT.builder().setIgnoreSurroundingSpaces(true).setIgnoreEmptyLines(true).build();
        String csv = text.startsWith("\uFEFF") ? text.substring(1) : text; // a spreadsheet's byte-order mark
        try (CSVParser parser = CSVParser.parse(new StringReader(csv), format)) {
            int row = 0;
            for (CSVRecord record : parser) {
                row++;
                if (row == 1 && "url".equalsIgnoreCase(record.get(0).strip())) continue;
                if (record.size() == 1 && record.get(0).isBlank()) continue;
                String where = source + " row " + row;
                String url = record.get(0).strip();
                if (url.isEmpty()) throw Problem.invalidField("csv", "Row " + row + " of " + source + " has no badge address in its first column.");
                String name = record.size() > 1 ? record.get(1).strip() : "";
                String email = record.size() > 2 ? record.get(2).strip() : "";
                if (name.length() > MAX_NAME_LENGTH) {
                    throw Problem.invalidField("csv", "The name in row " + row + " of " + source + " is longer than " + MAX_NAME_LENGTH + " characters.");
                }
                if (!email.isEmpty()) {
                    try {
                        EmailAddress.of(email);
                    } catch (Problem e) {
                        throw Problem.invalidField("csv", "Row " + row + " of " + source + ": \"" + shorten(email, 80)
                                + "\" is not an e-mail address.");
                    }
                }
                Candidate candidate = name.isEmpty() && email.isEmpty() ? null
                        : new Candidate(name.isEmpty() ? email : name, email.isEmpty() ? null : email);
                addUrl(where, candidate, url);
            }
        } catch (IOException | IllegalStateException | java.io.UncheckedIOException e) {
            throw Problem.invalidField("csv", source + " is not a readable CSV file: " + shorten(String.valueOf(e.getMessage()), 200));
        }
    }

    /** A JSON body: an array of credentials (objects, VC-JWTs or addresses), a presentation, or one credential. */
    void json(String source, byte[] bytes) {
        labels.add(source);
        addJson(source, bytes);
    }

    private void addFile(String source, String name, @Nullable String contentType, byte[] bytes, boolean insideZip) {
        String lowerName = name.toLowerCase(Locale.ROOT);
        String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
        if (isZip(bytes)) {
            if (insideZip) {
                add(Item.unreadable(source, "A ZIP inside a ZIP is not opened; put every badge in one ZIP."));
                return;
            }
            zip(source, bytes);
        } else if (lowerName.endsWith(".csv") || type.startsWith("text/csv")) {
            csv(source, new String(bytes, StandardCharsets.UTF_8));
        } else if (lowerName.endsWith(".txt") || type.startsWith("text/uri-list") || looksLikeUrlList(bytes)) {
            String text = new String(bytes, StandardCharsets.UTF_8);
            if (looksLikeUrlList(bytes)) {
                int line = 0;
                for (String raw : text.split("\\R")) {
                    line++;
                    String url = raw.strip();
                    if (url.isEmpty() || url.startsWith("#")) continue;
                    if (looksLikeJwt(url)) jwtLine(source + " line " + line, url);
                    else addUrl(source + " line " + line, null, url);
                }
            } else {
                String jwt = text.strip(); // a VC-JWT or VP-JWT saved as .txt
                if (!presentationJwt(source, jwt)) add(Item.bytes(source, bytes, contentType));
            }
        } else if (startsWith(bytes, '[') || startsWith(bytes, '{')) {
            addJson(source, bytes);
        } else if (bytes.length <= MAX_PROVEN_PRESENTATION_BYTES * 10 && !PngBaker.isPng(bytes)
                && presentationJwt(source, new String(bytes, StandardCharsets.UTF_8).strip())) {
            // a VP-JWT file (.jwt): taken apart above
        } else {
            add(Item.bytes(source, bytes, contentType));
        }
    }

    /** A JWT on a line of a list: a VP-JWT is taken apart, anything else is verified as a VC-JWT (which says what is wrong). */
    private void jwtLine(String source, String jwt) {
        if (!presentationJwt(source, jwt)) add(Item.bytes(source, jwt.getBytes(StandardCharsets.UTF_8), "application/vc+jwt"));
    }

    private void addJson(String source, byte[] bytes) {
        if (!startsWith(bytes, '[') && !startsWith(bytes, '{')) {
            throw Problem.invalid("malformed-body", source + " must be JSON: an array of credentials, a VerifiablePresentation, or one credential.");
        }
        JsonStructure parsed = null;
        if (!InputLimits.jsonTooDeep(bytes)) {
            try (var reader = JSON.createReader(new ByteArrayInputStream(bytes))) {
                parsed = reader.read();
            } catch (JsonException | IllegalStateException e) {
                parsed = null;
            }
        }
        if (parsed instanceof JsonArray array) {
            if (array.size() > MAX_CREDENTIALS) throw tooMany(array.size());
            for (int i = 0; i < array.size(); i++) element(source + " item " + (i + 1), array.get(i), true);
        } else if (parsed instanceof JsonObject object && types(object).contains("VerifiablePresentation")) {
            presented(source, object, new Presentation(object, bytes.length));
        } else if (startsWith(bytes, '[')) {
            add(Item.unreadable(source, "Not a readable JSON array of credentials (malformed, or nested too deeply)."));
        } else {
            // One credential, or something unreadable: the verifier says which, in its own words.
            add(Item.bytes(source, bytes, "application/vc+ld+json"));
        }
    }

    /** Each credential of a presentation on its own row, all sharing the presentation (its holder and proof). */
    private void presented(String source, JsonObject vp, Presentation presentation) {
        JsonValue contained = vp.get("verifiableCredential");
        List<JsonValue> credentials = contained instanceof JsonArray a ? a
                : contained == null || contained == JsonValue.NULL ? List.of() : List.of(contained);
        if (credentials.size() > MAX_CREDENTIALS) throw tooMany(credentials.size());
        if (credentials.isEmpty()) add(Item.unreadable(source, "The presentation carries no credentials."));
        for (int i = 0; i < credentials.size(); i++) {
            int before = items.size();
            element(source + " credential " + (i + 1), credentials.get(i), false);
            if (items.size() > before) {
                Item added = items.remove(items.size() - 1);
                items.add(added.in(new Presented(presentation, subjectId(credentials.get(i)))));
            }
        }
    }

    /** A compact JWS, signed or not ({@code alg} none leaves the third part empty): the shape of a VC-JWT or VP-JWT. */
    private static final java.util.regex.Pattern JWS = java.util.regex.Pattern.compile("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]*");

    static boolean looksLikeJwt(String text) {
        return text.length() <= Verification.MAX_INPUT_BYTES && JWS.matcher(text).matches();
    }

    /**
     * Takes a VP-JWT apart ({@code typ} vp+jwt, a {@code vp} claim, or a payload that is a presentation): each
     * credential in it on its own row, its signature checked as the holder's proof. False when the text is no VP-JWT
     * (a VC-JWT, or not readable as a JWT: the verifier then says why, on that row).
     */
    private boolean presentationJwt(String source, String text) {
        if (!looksLikeJwt(text)) return false;
        JsonObject payload = jwtPayload(text);
        if (payload == null) return false;
        JsonObject header = jwtHeader(text);
        boolean typed = header != null && header.get("typ") instanceof JsonString t && t.getString().toLowerCase(Locale.ROOT).endsWith("vp+jwt");
        JsonObject vp = payload.get("vp") instanceof JsonObject o ? o : types(payload).contains("VerifiablePresentation") ? payload : null;
        if (vp == null && !typed) return false;
        if (vp == null) vp = payload;
        String iss = payload.get("iss") instanceof JsonString s ? s.getString() : null;
        presented(source, vp, new Presentation(text, vp, iss));
        return true;
    }

    private static @Nullable JsonObject jwtHeader(String jwt) {
        return decoded(jwt.split("\\.", -1)[0]);
    }

    /**
     * The {@code credentialSubject.id} a credential names (a JSON credential, an enveloped or bare VC-JWT; for a JWT
     * also its {@code sub}), read without checking anything: only a claim until the credential verifies.
     */
    static @Nullable String subjectId(JsonValue credential) {
        JsonObject object = null;
        if (credential instanceof JsonObject o) {
            String id = o.get("id") instanceof JsonString s ? s.getString() : "";
            object = id.startsWith("data:application/vc") && id.contains(",") ? jwtPayload(id.substring(id.indexOf(',') + 1)) : o;
        } else if (credential instanceof JsonString s) {
            object = jwtPayload(s.getString().strip());
        }
        if (object == null) return null;
        if (object.get("vc") instanceof JsonObject vc && !object.containsKey("credentialSubject")) {
            String sub = object.get("sub") instanceof JsonString s ? s.getString() : null;
            String inner = subjectOf(vc);
            return inner != null ? inner : sub;
        }
        return subjectOf(object);
    }

    private static @Nullable String subjectOf(JsonObject credential) {
        JsonValue subject = credential.get("credentialSubject");
        if (subject instanceof JsonArray a && !a.isEmpty()) subject = a.get(0);
        return subject instanceof JsonObject o && o.get("id") instanceof JsonString s ? s.getString() : null;
    }

    private static @Nullable JsonObject jwtPayload(String jwt) {
        String[] parts = jwt.split("\\.", -1);
        if (parts.length != 3 || parts[1].length() > Verification.MAX_INPUT_BYTES) return null;
        return decoded(parts[1]);
    }

    private static @Nullable JsonObject decoded(String base64url) {
        try {
            byte[] json = java.util.Base64.getUrlDecoder().decode(base64url);
            if (InputLimits.jsonTooDeep(json)) return null;
            try (var reader = JSON.createReader(new ByteArrayInputStream(json))) {
                return reader.read() instanceof JsonObject o ? o : null;
            }
        } catch (IllegalArgumentException | JsonException | IllegalStateException e) {
            return null;
        }
    }

    private static List<String> types(JsonObject object) {
        JsonValue type = object.get("type");
        if (type instanceof JsonString s) return List.of(s.getString());
        if (type instanceof JsonArray a) return a.stream().filter(JsonString.class::isInstance).map(v -> ((JsonString) v).getString()).toList();
        return List.of();
    }

    /** One credential of an array or presentation: an object, a VC-JWT (or an enveloped one), or (arrays only) an address. */
    private void element(String source, JsonValue value, boolean addressesAllowed) {
        if (value instanceof JsonObject object) {
            String id = object.get("id") instanceof JsonString s ? s.getString() : "";
            if (id.startsWith("data:application/vc+jwt,") || id.startsWith("data:application/vc-ld+jwt,")) {
                add(Item.bytes(source, id.substring(id.indexOf(',') + 1).getBytes(StandardCharsets.UTF_8), "application/vc+jwt"));
            } else {
                add(Item.bytes(source, object.toString().getBytes(StandardCharsets.UTF_8), "application/vc+ld+json"));
            }
        } else if (value instanceof JsonString s && addressesAllowed && s.getString().strip().matches("(?i)https?://\\S+")) {
            addUrl(source, null, s.getString().strip());
        } else if (value instanceof JsonString s && s.getString().chars().filter(c -> c == '.').count() == 2) {
            // A VP-JWT in an array is taken apart; inside a presentation, a JWT is a credential (presentations do not nest).
            String jwt = s.getString().strip();
            if (!addressesAllowed || !presentationJwt(source, jwt)) add(Item.bytes(source, jwt.getBytes(StandardCharsets.UTF_8), "application/vc+jwt"));
        } else {
            add(Item.unreadable(source, "Not a credential: expected a JSON object or a VC-JWT" + (addressesAllowed ? " or a badge address." : ".")));
        }
    }

    /** A file read out of a ZIP; {@code bytes} is null when it was over the size limit. */
    private record Entry(String source, String name, byte @Nullable [] bytes) {}

    private void zip(String source, byte[] zip) {
        long expanded = 0;
        int entries = 0;
        byte[] buffer = new byte[16 * 1024];
        long allowed = Math.min(MAX_ZIP_EXPANDED, Math.max(RATIO_FLOOR, (long) zip.length * MAX_ZIP_RATIO));
        List<Entry> found = new ArrayList<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                if (++entries > MAX_ZIP_ENTRIES) {
                    throw new Problem(Problem.Kind.PAYLOAD_TOO_LARGE, "zip-too-many-entries", source + " holds more than "
                            + MAX_ZIP_ENTRIES + " entries; a batch checks at most " + MAX_CREDENTIALS + " credentials.", List.of());
                }
                String name = entry.getName();
                if (outsideRoot(name)) {
                    throw new Problem(Problem.Kind.INVALID, "zip-path-outside-root", source + " contains the entry \""
                            + shorten(name, 120) + "\", whose path leads outside the ZIP; it was not opened.", List.of());
                }
                ByteArrayOutputStream content = new ByteArrayOutputStream();
                boolean tooLarge = false;
                for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
                    expanded += n;
                    if (expanded > allowed) throw zipBomb(source, expanded > MAX_ZIP_EXPANDED);
                    if (content.size() + n > Verification.MAX_INPUT_BYTES) tooLarge = true;
                    if (!tooLarge) content.write(buffer, 0, n);
                }
                if (entry.isDirectory() || skipped(name)) continue;
                String where = source + " › " + shorten(name, 160);
                if (tooLarge) found.add(new Entry(where, name, null));
                else if (content.size() > 0) found.add(new Entry(where, name, content.toByteArray()));
            }
        } catch (ZipException e) {
            throw Problem.invalid("zip-unreadable", source + " is not a readable ZIP file.");
        } catch (IOException e) {
            throw Problem.invalid("zip-unreadable", source + " could not be read as a ZIP file.");
        }
        if (found.isEmpty()) throw Problem.invalid("zip-empty", source + " holds no files.");
        for (Entry entry : found) {
            if (entry.bytes() == null) add(Item.unreadable(entry.source(), "The file is larger than 10 MB; badges are much smaller."));
            else addFile(entry.source(), entry.name(), null, entry.bytes(), true);
        }
    }

    private void addUrl(String source, @Nullable Candidate candidate, String url) {
        if (url.length() > MAX_URL_LENGTH) {
            add(new Item(source, candidate, null, null, null, "The address is longer than " + MAX_URL_LENGTH + " characters."));
        } else {
            add(Item.url(source + ": " + shorten(url, 200), candidate, url));
        }
    }

    private void add(Item item) {
        if (items.size() >= MAX_CREDENTIALS) throw tooMany(items.size() + 1);
        items.add(item);
    }

    static Problem tooMany(int count) {
        return new Problem(Problem.Kind.PAYLOAD_TOO_LARGE, "too-many-credentials", "A batch checks at most " + MAX_CREDENTIALS
                + " credentials; this one has " + (count > MAX_CREDENTIALS ? "more" : count) + ". Split it into smaller batches.", List.of());
    }

    private static Problem zipBomb(String source, boolean absolute) {
        return new Problem(Problem.Kind.PAYLOAD_TOO_LARGE, "zip-too-large", source + " unpacks to "
                + (absolute ? "more than " + MAX_ZIP_EXPANDED / (1024 * 1024) + " MB" : "more than " + MAX_ZIP_RATIO + " times its own size")
                + "; it was not opened. Badges barely compress, so a real ZIP of badges never does that.", List.of());
    }

    /** An absolute path, a drive letter, or a {@code ..} segment: the classic "zip slip". */
    static boolean outsideRoot(String name) {
        String path = name.replace('\\', '/');
        if (path.startsWith("/") || path.matches("^[A-Za-z]:.*") || path.indexOf('\0') >= 0) return true;
        for (String segment : path.split("/")) if (segment.equals("..")) return true;
        return false;
    }

    /** Finder and Explorer leftovers, not badges. */
    private static boolean skipped(String name) {
        String base = name.substring(name.lastIndexOf('/') + 1);
        return name.startsWith("__MACOSX/") || base.startsWith(".") || base.equalsIgnoreCase("Thumbs.db");
    }

    static boolean isZip(byte[] bytes) {
        return bytes.length >= 4 && bytes[0] == 'P' && bytes[1] == 'K' && (bytes[2] == 3 || bytes[2] == 5) && (bytes[3] == 4 || bytes[3] == 6);
    }

    private static boolean looksLikeUrlList(byte[] bytes) {
        String start = new String(bytes, 0, Math.min(bytes.length, 16), StandardCharsets.UTF_8).stripLeading().toLowerCase(Locale.ROOT);
        return start.startsWith("http://") || start.startsWith("https://");
    }

    private static boolean startsWith(byte[] bytes, char c) {
        for (byte b : bytes) {
            if (b == ' ' || b == '\n' || b == '\r' || b == '\t') continue;
            if (b == (byte) 0xEF) continue; // a byte-order mark
            if (b == (byte) 0xBB || b == (byte) 0xBF) continue;
            return b == c;
        }
        return false;
    }

    static String shorten(String s, int max) {
        return s.length() > max ? s.substring(0, max - 1) + "…" : s;
    }
}
