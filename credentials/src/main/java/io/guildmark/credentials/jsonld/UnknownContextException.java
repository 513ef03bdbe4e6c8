package io.guildmark.credentials.jsonld;

/**
 * A document names a JSON-LD context that is not bundled with Guildmark. The loader never fetches contexts
 * from the network, so such a document can be neither signed nor verified.
 */
public final class UnknownContextException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String url;

    public UnknownContextException(String url) {
        super("JSON-LD context " + url + " is not bundled; Guildmark never loads contexts from the network");
        this.url = url;
    }

    /** The context URL that was refused. */
    public String url() {
        return url;
    }
}
