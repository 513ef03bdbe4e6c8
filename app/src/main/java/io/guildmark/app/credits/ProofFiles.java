package io.guildmark.app.credits;

import java.util.Map;

import io.guildmark.app.shared.Problem;
import org.apache.tika.Tika;

/**
 * Checks a proof of external credits (a certificate of attendance, a transcript) by its bytes, never its name or the
 * browser's claimed type: PDF, PNG or JPEG, at most 10 MB. A page or program renamed {@code certificate.pdf} is
 * refused, so staff opening a proof open what it claims to be.
 */
final class ProofFiles {

    static final int MAX_BYTES = 10 * 1024 * 1024;

    /** Accepted types, with the extension a download gets. */
    static final Map<String, String> ACCEPTED = Map.of("application/pdf", "pdf", "image/png", "png", "image/jpeg", "jpg");

    /** Tika's detector is thread safe; with bytes only it reads the magic numbers and nothing else. */
    private static final Tika TIKA = new Tika();

    private ProofFiles() {}

    /** The detected media type of an acceptable proof, or a {@link Problem} saying what is wrong. */
    static String check(byte[] content) {
        if (content == null || content.length == 0) throw Problem.invalidField("proof", "Attach the proof: a certificate or transcript as PDF, PNG or JPEG.");
        if (content.length > MAX_BYTES) {
            throw new Problem(Problem.Kind.PAYLOAD_TOO_LARGE, "proof-too-large", "The proof is larger than 10 MB; attach a smaller file.",
                    java.util.List.of(new Problem.FieldError("proof", "At most 10 MB.")));
        }
        String type = TIKA.detect(content);
        if (!ACCEPTED.containsKey(type)) {
            throw new Problem(Problem.Kind.UNSUPPORTED_MEDIA, "proof-unsupported",
                    "The proof must be a PDF, PNG or JPEG file; this file's content is " + type + ", whatever its name says.",
                    java.util.List.of(new Problem.FieldError("proof", "PDF, PNG or JPEG only.")));
        }
        return type;
    }

    /** A file name safe to store and to send back in a download header. */
    static String safeName(String original, String type) {
        String base = original == null ? "" : original.replaceAll("[^A-Za-z0-9._ -]", "_").strip();
        if (base.length() > 100) base = base.substring(0, 100);
        if (base.isEmpty() || base.startsWith(".")) base = "proof";
        String extension = "." + ACCEPTED.get(type);
        return base.toLowerCase(java.util.Locale.ROOT).endsWith(extension) ? base : base + extension;
    }
}
