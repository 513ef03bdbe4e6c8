package io.guildmark.credentials.schema;

/**
 * One schema violation.
 *
 * @param pointer JSON Pointer (RFC 6901) to the offending value, {@code ""} for the document itself
 * @param message what is wrong, e.g. {@code object found, array expected}
 * @param keyword the schema keyword that failed, e.g. {@code type}
 */
public record SchemaError(String pointer, String message, String keyword) {

    @Override
    public String toString() {
        return (pointer.isEmpty() ? "/" : pointer) + ": " + message;
    }
}
