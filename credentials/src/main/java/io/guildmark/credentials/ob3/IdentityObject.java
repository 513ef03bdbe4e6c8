package io.guildmark.credentials.ob3;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import static io.guildmark.credentials.ob3.JsonFields.*;

/**
 * Who the credential was awarded to, without naming them in clear (OB 3.0 Appendix B "IdentityObject"). A hashed
 * identity is {@code sha256$} (or {@code md5$}) followed by the lowercase hex digest of the identity followed by
 * the salt.
 *
 * @param identityType {@code emailAddress}, {@code sourcedId}, … or {@code ext:…}
 * @param identityHash the identity hash when {@code hashed}, otherwise the plaintext identity
 */
public record IdentityObject(String identityType, boolean hashed, String identityHash, String salt) {

    static final List<String> IDENTITY_TYPES = List.of("name", "sourcedId", "systemId", "productId", "userName",
            "accountId", "emailAddress", "nationalIdentityNumber", "isbn", "issn", "lisSourcedId",
            "oneRosterSourcedId", "sisSourcedId", "ltiContextId", "ltiDeploymentId", "ltiToolId", "ltiPlatformId",
            "ltiUserId", "identifier");

    private static final Pattern IDENTITY_HASH = Pattern.compile("(sha256\\$[0-9a-fA-F]{64}|md5\\$[0-9a-fA-F]{32})");

    private static final SecureRandom RANDOM = new SecureRandom();

    public IdentityObject {
        requireEnumExt(identityType, "IdentityObject.identityType", IDENTITY_TYPES);
        requireText(identityHash, "IdentityObject.identityHash");
        optionalText(salt, "IdentityObject.salt");
        if (hashed && !IDENTITY_HASH.matcher(identityHash).matches()) {
            throw new IllegalArgumentException("A hashed identity is sha256$<64 hex> or md5$<32 hex>");
        }
    }

    /**
     * The salted SHA-256 identity of an e-mail address: {@code sha256$hex(SHA-256(lowercase(email) + salt))}.
     * E-mail addresses are compared case-insensitively by badge consumers, hence the lowercase.
     */
    public static IdentityObject hashedEmail(String email, String salt) {
        requireText(email, "email");
        requireText(salt, "salt");
        return new IdentityObject("emailAddress", true, "sha256$" + sha256Hex(email.trim().toLowerCase(Locale.ROOT)
                + salt), salt);
    }

    /** {@link #hashedEmail(String, String)} with a fresh random 16-byte salt (hex). */
    public static IdentityObject hashedEmail(String email) {
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        return hashedEmail(email, HexFormat.of().formatHex(salt));
    }

    /** Whether this identity is the e-mail address {@code email} (hashed with this salt, or in clear). */
    public boolean matchesEmail(String email) {
        if (!"emailAddress".equals(identityType)) {
            return false;
        }
        String normalized = email.trim().toLowerCase(Locale.ROOT);
        if (!hashed) {
            return identityHash.trim().toLowerCase(Locale.ROOT).equals(normalized);
        }
        return identityHash.startsWith("sha256$")
                && identityHash.equals("sha256$" + sha256Hex(normalized + (salt == null ? "" : salt)));
    }

    public JsonObject toJson() {
        var json = object().add("type", "IdentityObject").add("identityHash", identityHash)
                .add("identityType", identityType).add("hashed", hashed);
        put(json, "salt", salt);
        return json.build();
    }

    public static IdentityObject fromJson(JsonObject json) {
        requireType(json, "IdentityObject");
        JsonValue hashed = json.get("hashed");
        if (hashed != JsonValue.TRUE && hashed != JsonValue.FALSE) {
            throw new IllegalArgumentException("IdentityObject.hashed must be a boolean");
        }
        return new IdentityObject(required(json, "identityType"), hashed == JsonValue.TRUE,
                required(json, "identityHash"), string(json, "salt"));
    }

    private static String sha256Hex(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
