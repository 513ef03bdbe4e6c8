package io.guildmark.app.earning;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The kinds of file a work product may include, as designers choose them ({@code SubmissionDesign.fileTypes} holds the
 * ids). A file is of a kind when its bytes say so (read with Apache Tika) and its name agrees; none of them is a type a
 * browser would run (no HTML, no SVG), so they are safe to hand back as downloads.
 */
public enum SubmissionFileType {
    PDF("pdf", "PDF document", Set.of("application/pdf"), List.of("pdf"), Set.of()),
    PNG("png", "PNG image", Set.of("image/png"), List.of("png"), Set.of()),
    JPEG("jpeg", "JPEG image", Set.of("image/jpeg"), List.of("jpg", "jpeg"), Set.of()),
    GIF("gif", "GIF image", Set.of("image/gif"), List.of("gif"), Set.of()),
    MP4("mp4", "MP4 video", Set.of("video/mp4"), List.of("mp4", "m4v"), Set.of()),
    TEXT("text", "Plain text", Set.of("text/plain"), List.of("txt", "text", "md", "csv"), Set.of()),
    DOCX("docx", "Word document", Set.of("application/vnd.openxmlformats-officedocument.wordprocessingml.document"), List.of("docx"), Containers.OFFICE),
    XLSX("xlsx", "Excel workbook", Set.of("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"), List.of("xlsx"), Containers.OFFICE),
    PPTX("pptx", "PowerPoint presentation", Set.of("application/vnd.openxmlformats-officedocument.presentationml.presentation"), List.of("pptx"), Containers.OFFICE);

    /** Office Open XML files are zips; Tika reads them as a zip, or as OOXML when it finds the package's content types. */
    private static final class Containers {
        static final Set<String> OFFICE = Set.of("application/zip", "application/x-tika-ooxml");
    }

    private final String id;
    private final String label;
    private final Set<String> mediaTypes;
    private final List<String> extensions;
    private final Set<String> containers;

    /**
     * @param containers what the bytes alone may read as when only the name tells the kind apart (Office files are
     *     zips), or none when the bytes alone must read as one of {@code mediaTypes}
     */
    SubmissionFileType(String id, String label, Set<String> mediaTypes, List<String> extensions, Set<String> containers) {
        this.id = id;
        this.label = label;
        this.mediaTypes = mediaTypes;
        this.extensions = extensions;
        this.containers = containers;
    }

    public String id() {
        return id;
    }

    public String label() {
        return label;
    }

    public List<String> extensions() {
        return extensions;
    }

    /** The media type a download of this kind is served as. */
    public String mediaType() {
        return mediaTypes.iterator().next();
    }

    /** For a file input's {@code accept}: ".pdf,.png". */
    public String acceptAttribute() {
        return String.join(",", extensions.stream().map(e -> "." + e).toList());
    }

    public static Optional<SubmissionFileType> ofId(String id) {
        for (SubmissionFileType type : values()) {
            if (type.id.equalsIgnoreCase(id.trim())) return Optional.of(type);
        }
        return Optional.empty();
    }

    /** The kind a stored file was accepted as, by the media type recorded for it. */
    public static Optional<SubmissionFileType> ofMediaType(String mediaType) {
        for (SubmissionFileType type : values()) {
            if (type.mediaTypes.contains(mediaType)) return Optional.of(type);
        }
        return Optional.empty();
    }

    /** The kinds a design accepts, in this enum's order; ids it does not know are ignored. */
    public static List<SubmissionFileType> accepted(List<String> ids) {
        return java.util.Arrays.stream(values()).filter(t -> ids.stream().anyMatch(i -> i.trim().equalsIgnoreCase(t.id))).toList();
    }

    /**
     * The kind of a file from what Tika read in its bytes alone and in its bytes with its name.
     *
     * @param bytesOnly the media type detected from the content alone (no parameters)
     * @param withName the media type detected from the content and the name
     */
    static Optional<SubmissionFileType> detected(String bytesOnly, String withName) {
        for (SubmissionFileType type : values()) {
            if (type.mediaTypes.contains(bytesOnly)) return Optional.of(type);
            if (type.containers.contains(bytesOnly) && type.mediaTypes.contains(withName)) return Optional.of(type);
        }
        return Optional.empty();
    }

    /** Whether a file name's extension (if it has one) belongs to this kind. */
    boolean named(String fileName) {
        int dot = fileName.lastIndexOf('.');
        if (dot < 0 || dot == fileName.length() - 1) return true;
        return extensions.contains(fileName.substring(dot + 1).toLowerCase(Locale.ROOT));
    }
}
