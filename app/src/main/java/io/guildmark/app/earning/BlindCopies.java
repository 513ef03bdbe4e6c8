package io.guildmark.app.earning;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The copy of a work product's file that a reviewer of a blind review downloads: the same content without the document
 * metadata that commonly names its author. Best effort and cheap, done on each download (the stored file is the
 * learner's, unchanged):
 *
 * <ul>
 *   <li>PDF: the document information dictionary (Author, Creator, Producer, Title, Subject, Keywords) and the XMP
 *       metadata stream are removed;</li>
 *   <li>Word, Excel and PowerPoint (Office Open XML): {@code docProps/core.xml} (creator, last modified by),
 *       {@code docProps/app.xml} (company, manager) and {@code docProps/custom.xml} are replaced by empty ones;</li>
 *   <li>JPEG: APP1 (Exif, XMP), APP13 (IPTC) and comment segments are dropped;</li>
 *   <li>PNG: text chunks ({@code tEXt}, {@code zTXt}, {@code iTXt}), {@code eXIf} and {@code tIME} are dropped.</li>
 * </ul>
 *
 * Names written inside the content itself (a title page, comments in a Word file, tracked changes) are not touched.
 * A file that cannot be rewritten (damaged, encrypted, or expanding beyond {@link #MAX_EXPANDED} bytes) is served as
 * uploaded, and the server logs it.
 */
final class BlindCopies {

    private static final Logger log = LoggerFactory.getLogger(BlindCopies.class);

    /** A zip that expands to more than this is not rewritten (zip bombs). */
    static final long MAX_EXPANDED = 200L * 1024 * 1024;

    private static final Set<String> OFFICE_PROPERTIES = Set.of("docProps/core.xml", "docProps/app.xml", "docProps/custom.xml");

    private BlindCopies() {}

    static byte[] of(SubmissionFileType type, byte[] content) {
        try {
            return switch (type) {
                case PDF -> pdf(content);
                case DOCX, XLSX, PPTX -> office(content);
                case JPEG -> jpeg(content);
                case PNG -> png(content);
                default -> content;
            };
        } catch (IOException | RuntimeException e) {
            log.warn("Could not remove the metadata of a {} served to a blind reviewer; served as uploaded: {}", type.label(), e.toString());
            return content;
        }
    }

    static byte[] pdf(byte[] content) throws IOException {
        try (PDDocument doc = Loader.loadPDF(content)) {
            if (doc.isEncrypted()) throw new IOException("encrypted PDF");
            doc.setDocumentInformation(new PDDocumentInformation());
            doc.getDocumentCatalog().setMetadata(null);
            ByteArrayOutputStream out = new ByteArrayOutputStream(content.length);
            doc.save(out);
            return out.toByteArray();
        }
    }

    static byte[] office(byte[] content) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(content.length);
        long expanded = 0;
        byte[] buffer = new byte[16 * 1024];
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(content)); ZipOutputStream zip = new ZipOutputStream(out)) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                boolean replaced = OFFICE_PROPERTIES.contains(entry.getName());
                zip.putNextEntry(new ZipEntry(entry.getName()));
                if (replaced) zip.write(emptyProperties(entry.getName()));
                // Every entry is read through (and counted), so no part can expand without limit.
                for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
                    expanded += n;
                    if (expanded > MAX_EXPANDED) throw new IOException("expands beyond " + MAX_EXPANDED + " bytes");
                    if (!replaced) zip.write(buffer, 0, n);
                }
                zip.closeEntry();
            }
        }
        return out.toByteArray();
    }

    private static byte[] emptyProperties(String part) {
        String xml = switch (part) {
            case "docProps/core.xml" -> "<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\""
                    + " xmlns:dc=\"http://purl.org/dc/elements/1.1/\"/>";
            case "docProps/app.xml" -> "<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties\"/>";
            default -> "<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/custom-properties\"/>";
        };
        return ("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n" + xml).getBytes(StandardCharsets.UTF_8);
    }

    /** Copies the JPEG's segments up to the image data, without APP1, APP13 and comments. */
    static byte[] jpeg(byte[] content) throws IOException {
        if (content.length < 4 || (content[0] & 0xff) != 0xff || (content[1] & 0xff) != 0xd8) throw new IOException("not a JPEG");
        ByteArrayOutputStream out = new ByteArrayOutputStream(content.length);
        out.write(content, 0, 2);
        int i = 2;
        while (i + 4 <= content.length) {
            if ((content[i] & 0xff) != 0xff) throw new IOException("bad JPEG segment at " + i);
            int marker = content[i + 1] & 0xff;
            if (marker == 0xda) break; // start of scan: the rest is image data
            int length = ((content[i + 2] & 0xff) << 8) | (content[i + 3] & 0xff);
            if (length < 2 || i + 2 + length > content.length) throw new IOException("bad JPEG segment length at " + i);
            boolean drop = marker == 0xe1 || marker == 0xed || marker == 0xfe;
            if (!drop) out.write(content, i, 2 + length);
            i += 2 + length;
        }
        out.write(content, i, content.length - i);
        return out.toByteArray();
    }

    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    private static final Set<String> PNG_DROPPED = Set.of("tEXt", "zTXt", "iTXt", "eXIf", "tIME");

    /** Copies the PNG's chunks without text, Exif and time chunks. */
    static byte[] png(byte[] content) throws IOException {
        if (content.length < 8) throw new IOException("not a PNG");
        for (int k = 0; k < 8; k++) if (content[k] != PNG_SIGNATURE[k]) throw new IOException("not a PNG");
        ByteArrayOutputStream out = new ByteArrayOutputStream(content.length);
        out.write(content, 0, 8);
        int i = 8;
        while (i + 12 <= content.length) {
            long length = ((content[i] & 0xffL) << 24) | ((content[i + 1] & 0xff) << 16) | ((content[i + 2] & 0xff) << 8) | (content[i + 3] & 0xff);
            if (length > content.length - i - 12) throw new IOException("bad PNG chunk length at " + i);
            String chunk = new String(content, i + 4, 4, StandardCharsets.ISO_8859_1);
            int total = 12 + (int) length;
            if (!PNG_DROPPED.contains(chunk)) out.write(content, i, total);
            i += total;
            if (chunk.equals("IEND")) break;
        }
        return out.toByteArray();
    }

}
