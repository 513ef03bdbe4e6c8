package io.guildmark.app.portfolio;

import java.io.IOException;
import java.io.OutputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import io.guildmark.app.accounts.AccountDids;
import io.guildmark.app.issuing.Award;
import io.guildmark.app.issuing.Awards;
import io.guildmark.app.issuing.HeldCredentials;
import io.guildmark.app.shared.Actor;
import io.guildmark.app.shared.GuildmarkSettings;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonWriterFactory;
import jakarta.json.stream.JsonGenerator;
import org.springframework.stereotype.Service;

/**
 * "Download all": every badge a person holds, each as the signed JSON-LD, the VC-JWT and the baked PNG, plus one
 * {@code VerifiablePresentation} of all of them and a plain-text index. Written straight to the response, one badge at
 * a time, so a large backpack costs no more memory than one badge.
 */
@Service
public class BadgeExport {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ISO_LOCAL_DATE.withZone(java.time.ZoneOffset.UTC);
    private static final JsonWriterFactory PRETTY = Json.createWriterFactory(Map.of(JsonGenerator.PRETTY_PRINTING, true));

    private final Awards awards;
    private final HeldCredentials held;
    private final AccountDids dids;
    private final GuildmarkSettings settings;
    private final HolderSignedPresentations signed;
    private final Clock clock;

    BadgeExport(Awards awards, HeldCredentials held, AccountDids dids, GuildmarkSettings settings, HolderSignedPresentations signed,
            Clock clock) {
        this.signed = signed;
        this.awards = awards;
        this.held = held;
        this.dids = dids;
        this.settings = settings;
        this.clock = clock;
    }

    /** The badges the archive holds: those the person accepted and those sent to an address they verified, not declined. */
    public List<Award> exported(Actor.Person person) {
        return awards.held(person).stream().filter(a -> !a.declined()).toList();
    }

    /** The archive's file name, e.g. {@code guildmark-badges-2026-12-05.zip}. */
    public String fileName() {
        return "guildmark-badges-" + DAY.format(clock.instant()) + ".zip";
    }

    public void write(Actor.Person person, OutputStream out) throws IOException {
        List<Award> badges = exported(person);
        List<String> proven = dids.provenDids(person.userId());
        StringBuilder index = new StringBuilder("Badges exported from ").append(settings.url("/")).append(" on ")
                .append(DAY.format(clock.instant())).append("\n\nEach folder holds one badge in three forms: credential.json (Open Badges 3.0,")
                .append(" signed JSON-LD), credential.jwt (the same credential as a VC-JWT) and badge.png (the image with the credential")
                .append(" baked in). presentation.json holds all of them as one W3C Verifiable Presentation.\n\n");
        JsonArrayBuilder all = Json.createArrayBuilder();
        try (ZipOutputStream zip = new ZipOutputStream(out, StandardCharsets.UTF_8)) {
            int number = 0;
            for (Award award : badges) {
                String folder = folder(award, ++number);
                String credential = held.signedCredential(award.id());
                put(zip, folder + "/credential.json", credential.getBytes(StandardCharsets.UTF_8));
                put(zip, folder + "/credential.jwt", held.jwt(award.id()).getBytes(StandardCharsets.UTF_8));
                put(zip, folder + "/badge.png", held.bakedPng(award));
                try (JsonReader reader = Json.createReader(new StringReader(credential))) {
                    all.add(reader.readObject());
                }
                index.append(folder).append(": ").append(award.achievementName()).append(", issued ").append(DAY.format(award.issuedAt()))
                        .append(award.revoked() ? ", REVOKED by its issuer" : "").append(award.accepted() ? "" : ", not yet accepted")
                        .append("\n  ").append(awards.credentialUrl(award.id())).append('\n');
            }
            put(zip, "presentation.json", pretty(presentation(proven, all)).getBytes(StandardCharsets.UTF_8));
            if (badges.isEmpty()) index.append("(You hold no badges yet.)\n");
            var bySelf = signed.find(person.userId(), SigningChallenges.EXPORT);
            if (bySelf.isPresent()) {
                var vp = bySelf.get();
                put(zip, vp.fileName(), vp.presentation().getBytes(StandardCharsets.UTF_8));
                index.append("\n").append(vp.fileName()).append(": the presentation signed by you, with your wallet's key of ")
                        .append(vp.holderDid()).append(", on ").append(vp.signedAtText()).append(". It covers ").append(vp.badgeCount())
                        .append(vp.badgeCount() == 1 ? " badge" : " badges").append(vp.covers(badges.stream().map(Award::id).toList())
                                ? ", all those in this archive.\n"
                                : "; it is OUT OF DATE: your badges changed since (you hold " + badges.size()
                                        + " now). Sign again on My badges to cover them all.\n");
            }
            put(zip, "README.txt", index.toString().getBytes(StandardCharsets.UTF_8));
        }
    }

    /**
     * Every badge the person holds as one W3C {@code VerifiablePresentation}, exactly as {@code presentation.json} in the
     * archive; its holder is the person's most recently proven DID, if any. This is what their wallet signs.
     */
    public JsonObject presentation(Actor.Person person) {
        JsonArrayBuilder all = Json.createArrayBuilder();
        for (Award award : exported(person)) {
            try (JsonReader reader = Json.createReader(new StringReader(held.signedCredential(award.id())))) {
                all.add(reader.readObject());
            }
        }
        return presentation(dids.provenDids(person.userId()), all);
    }

    private static JsonObject presentation(List<String> proven, JsonArrayBuilder credentials) {
        var vp = Json.createObjectBuilder()
                .add("@context", Json.createArrayBuilder().add("https://www.w3.org/ns/credentials/v2"))
                .add("type", Json.createArrayBuilder().add("VerifiablePresentation"));
        if (!proven.isEmpty()) vp.add("holder", proven.get(0));
        return vp.add("verifiableCredential", credentials).build();
    }

    /** JSON as people read it, indented. */
    static String pretty(JsonObject json) {
        java.io.StringWriter text = new java.io.StringWriter();
        try (var writer = PRETTY.createWriter(text)) {
            writer.writeObject(json);
        }
        return text.toString();
    }

    /** A readable folder name, unique by its number: {@code 01-safe-food-handling}. */
    private static String folder(Award award, int number) {
        String slug = award.achievementName().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
        if (slug.isEmpty()) slug = "badge";
        if (slug.length() > 60) slug = slug.substring(0, 60);
        return String.format(Locale.ROOT, "%02d-%s", number, slug);
    }

    private static void put(ZipOutputStream zip, String name, byte[] bytes) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(bytes);
        zip.closeEntry();
    }
}
