package io.guildmark.credentials.did;

import java.io.FileNotFoundException;

/**
 * The document was there but its server says it is gone for good (HTTP 410). A {@link FileNotFoundException}, so code
 * that only cares whether a document exists treats it like a 404; an Open Badges 2.0 verifier reads it as "this hosted
 * assertion was revoked".
 */
public class DocumentGoneException extends FileNotFoundException {

    public DocumentGoneException(String message) {
        super(message);
    }
}
