package io.guildmark.credentials.baking;

import java.util.Objects;

/**
 * A credential found in, or to be put into, a badge image.
 *
 * @param format  what the payload is
 * @param payload the credential JSON, the compact JWS, or (OB 2.0) the assertion JSON, JWS or URL
 */
public record BakedCredential(Format format, String payload) {

    /** The kinds of payload a badge image can carry. */
    public enum Format {
        /** OB 3.0 credential as JSON(-LD) with an embedded proof. */
        OB3_JSON,
        /** OB 3.0 credential as a VC-JWT compact JWS. */
        OB3_JWT,
        /** OB 2.0 assertion: hosted assertion URL, signed JWS or assertion JSON. */
        OB2
    }

    public BakedCredential {
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(payload, "payload");
    }

    /** OB 3.0 payloads are told apart by their first character: a JSON object or a compact JWS. */
    static Format ob3FormatOf(String payload) {
        return payload.stripLeading().startsWith("{") ? Format.OB3_JSON : Format.OB3_JWT;
    }
}
