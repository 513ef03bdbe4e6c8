package io.guildmark.app.shared;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.stereotype.Component;

/**
 * The cursor of a keyset-paged list: the sort key of the last row given out (e.g. its timestamp and id), bound to
 * the list's name and sort, and signed with HMAC-SHA256 under a key derived from the master key, so every node
 * accepts what another gave out and nobody can make one up. The token is URL-safe base64 ({@code payload.mac}).
 * Anything else (tampered, truncated, another list's, too long) is {@code 400 cursor-invalid}, never a 500.
 */
@Component
public class ListCursor {

    /** Longer than any cursor this class makes for sort keys of a few hundred characters. */
    public static final int MAX_LENGTH = 1024;
    private static final byte VERSION = 1;
    private static final int MAC_BYTES = 16;

    private final byte[] key;

    @org.springframework.beans.factory.annotation.Autowired
    ListCursor(MasterKey masterKey) {
        this(masterKey.derive("list-cursor"));
    }

    /** For tests: a cursor signer with a given key. */
    public ListCursor(byte[] key) {
        this.key = key.clone();
    }

    /** A cursor after the row whose sort key is {@code values}, for this list and sort. */
    public String encode(String list, String sort, List<String> values) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION);
            out.writeUTF(list);
            out.writeUTF(sort);
            out.writeByte(values.size());
            for (String v : values) out.writeUTF(v);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        byte[] payload = bytes.toByteArray();
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        return b64.encodeToString(payload) + "." + b64.encodeToString(mac(payload));
    }

    /**
     * The sort key the cursor carries, if this list gave it out with this sort and {@code expected} values.
     *
     * @throws Problem {@code cursor-invalid} otherwise
     */
    public List<String> decode(String list, String sort, int expected, String cursor) {
        if (cursor.length() > MAX_LENGTH) throw invalid();
        int dot = cursor.indexOf('.');
        if (dot <= 0 || dot != cursor.lastIndexOf('.')) throw invalid();
        byte[] payload;
        byte[] mac;
        try {
            payload = Base64.getUrlDecoder().decode(cursor.substring(0, dot));
            mac = Base64.getUrlDecoder().decode(cursor.substring(dot + 1));
        } catch (IllegalArgumentException e) {
            throw invalid();
        }
        if (!MessageDigest.isEqual(mac, mac(payload))) throw invalid();
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(payload))) {
            if (in.readByte() != VERSION || !in.readUTF().equals(list) || !in.readUTF().equals(sort)) throw invalid();
            int n = in.readByte();
            if (n != expected) throw invalid();
            List<String> values = new ArrayList<>(n);
            for (int i = 0; i < n; i++) values.add(in.readUTF());
            if (in.available() > 0) throw invalid();
            return values;
        } catch (IOException e) {
            throw invalid();
        }
    }

    public static Problem invalid() {
        return Problem.invalid("cursor-invalid", "This cursor is not one this list gave out (or it belongs to another list or order). "
                + "Start again from the first page.");
    }

    private byte[] mac(byte[] payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] full = mac.doFinal(payload);
            return java.util.Arrays.copyOf(full, MAC_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
