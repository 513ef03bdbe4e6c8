package io.guildmark.credentials.proof;

/** A verification method could not be resolved to an Ed25519 public key. */
public class KeyResolutionException extends Exception {

    private static final long serialVersionUID = 1L;

    public KeyResolutionException(String message) {
        super(message);
    }

    public KeyResolutionException(String message, Throwable cause) {
        super(message, cause);
    }
}
