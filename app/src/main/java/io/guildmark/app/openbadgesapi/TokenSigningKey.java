package io.guildmark.app.openbadgesapi;

import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.sql.Timestamp;
import java.time.Clock;

import com.nimbusds.jose.jwk.RSAKey;
import io.guildmark.app.shared.MasterKey;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The RSA key that signs the authorization server's access tokens: stored encrypted with the master key (as issuers'
 * keys are), so tokens outlive restarts and any node accepts another's. The first node to start creates it; a node
 * that loses the race reads the winner's.
 */
final class TokenSigningKey {

    static final String ID = "guildmark-oauth-1";

    private TokenSigningKey() {}

    static RSAKey load(JdbcClient db, MasterKey masterKey, Clock clock) {
        var stored = db.sql("select private_key from oauth2_signing_keys where id = ?").param(ID).query(String.class).optional();
        if (stored.isEmpty()) {
            try {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(2048);
                KeyPair pair = generator.generateKeyPair();
                db.sql("insert into oauth2_signing_keys (id, private_key, created_at) values (?, ?, ?)")
                        .params(ID, masterKey.encrypt(pair.getPrivate().getEncoded()), Timestamp.from(clock.instant())).update();
            } catch (DuplicateKeyException raced) {
                // another node stored its key first: use that one
            } catch (java.security.GeneralSecurityException e) {
                throw new IllegalStateException("Could not create the token signing key", e);
            }
            stored = db.sql("select private_key from oauth2_signing_keys where id = ?").param(ID).query(String.class).optional();
        }
        try {
            KeyFactory rsa = KeyFactory.getInstance("RSA");
            RSAPrivateCrtKey privateKey = (RSAPrivateCrtKey) rsa.generatePrivate(new PKCS8EncodedKeySpec(masterKey.decrypt(stored.orElseThrow())));
            RSAPublicKey publicKey = (RSAPublicKey) rsa.generatePublic(new RSAPublicKeySpec(privateKey.getModulus(), privateKey.getPublicExponent()));
            return new RSAKey.Builder(publicKey).privateKey(privateKey).keyID(ID).build();
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("Could not read the token signing key", e);
        }
    }
}
