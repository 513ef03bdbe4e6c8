package io.guildmark.app.shared;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Encrypts secrets at rest (issuers' private keys, people's TOTP secrets) with AES-256-GCM under the platform master
 * key. Production takes the key from {@code guildmark.master-key}; demo mode creates one in the data directory on
 * first start.
 */
@Component
public class MasterKey {

    private static final Logger log = LoggerFactory.getLogger(MasterKey.class);
    private static final int IV_BYTES = 12;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKey key;

    MasterKey(GuildmarkSettings settings) {
        this.key = new SecretKeySpec(load(settings), "AES");
    }

    public String encrypt(byte[] plaintext) {
        try {
            byte[] iv = new byte[IV_BYTES];
            RANDOM.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, iv));
            byte[] sealed = cipher.doFinal(plaintext);
            byte[] out = new byte[iv.length + sealed.length];
            System.arraycopy(iv, 0, out, 0, iv.length);
            System.arraycopy(sealed, 0, out, iv.length, sealed.length);
            return "v1:" + Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Could not encrypt a secret", e);
        }
    }

    public byte[] decrypt(String sealed) {
        if (!sealed.startsWith("v1:")) throw new IllegalStateException("Unknown key encryption format");
        try {
            byte[] in = Base64.getDecoder().decode(sealed.substring(3));
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, in, 0, IV_BYTES));
            return cipher.doFinal(in, IV_BYTES, in.length - IV_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Could not decrypt a stored secret: is guildmark.master-key the one it was stored with?", e);
        }
    }

    /**
     * A key for one purpose (HMAC-SHA256 of the purpose under the master key), the same on every node and after every
     * restart, so that what one node signs another accepts; a purpose's key reveals nothing of the master key.
     */
    public byte[] derive(String purpose) {
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getEncoded(), "HmacSHA256"));
            return mac.doFinal(("guildmark/" + purpose).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Could not derive a key", e);
        }
    }

    private static byte[] load(GuildmarkSettings settings) {
        if (settings.masterKey() != null) return decode(settings.masterKey(), "guildmark.master-key");
        if (settings.mode() == GuildmarkSettings.Mode.PRODUCTION) {
            throw new IllegalStateException("guildmark.master-key (GUILDMARK_MASTER_KEY) is required in production mode: "
                    + "32 random bytes in base64, e.g. from 'openssl rand -base64 32'. See docs/configuration.md.");
        }
        Path file = settings.dataDir().resolve("master.key");
        try {
            if (Files.exists(file)) return decode(Files.readString(file).trim(), file.toString());
            byte[] fresh = new byte[32];
            RANDOM.nextBytes(fresh);
            Files.createDirectories(file.getParent());
            Files.writeString(file, Base64.getEncoder().encodeToString(fresh) + "\n");
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException ignored) {
                // not a POSIX file system
            }
            log.warn("Demo mode: created a master key in {}. Production takes it from GUILDMARK_MASTER_KEY.", file);
            return fresh;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read or create the master key " + file, e);
        }
    }

    private static byte[] decode(String base64, String source) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(source + " is not valid base64");
        }
        if (bytes.length != 32) throw new IllegalStateException(source + " must be 32 bytes (256 bits) in base64; it is " + bytes.length);
        return bytes;
    }
}
