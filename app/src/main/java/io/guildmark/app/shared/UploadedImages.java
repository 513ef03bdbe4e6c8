package io.guildmark.app.shared;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Iterator;
import java.util.Locale;
import java.util.Set;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;

import io.guildmark.credentials.InputLimits;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Checks an uploaded image (a logo, a badge image) by its bytes, never its name: PNG or JPEG that decodes to a sane
 * size, or SVG with no scripts, cleaned by {@link SvgSanitizer}'s allow-lists: external references (links, remote
 * images, remote styles, style sheets) are removed, so showing the image never makes a reader's browser contact anyone
 * else.
 */
public final class UploadedImages {

    public static final int MAX_BYTES = 2 * 1024 * 1024;
    public static final int MAX_PIXELS_PER_SIDE = 4096;

    /** An image that passed: its bytes (an SVG as cleaned) and its media type. */
    public record Checked(byte[] content, String contentType) {}

    /**
     * Which formats a use accepts: badges are baked into PNG and SVG only, logos may also be JPEG; profile photos also
     * WebP (decoded by the TwelveMonkeys ImageIO plugin, then drawn anew as PNG or JPEG by their owner).
     */
    public enum Format { PNG, JPEG, SVG, WEBP }

    /** What the image is to the person uploading it, for messages: a field name and words such as "the logo". */
    public record Purpose(String field, String noun) {}

    private UploadedImages() {}

    /** The checked image, or a {@link Problem} that says in plain words what is wrong with it. */
    public static Checked check(byte[] content, Purpose purpose, Set<Format> formats) {
        if (content == null || content.length == 0) throw Problem.invalidField(purpose.field(), "Choose an image file for " + purpose.noun() + ".");
        if (content.length > MAX_BYTES) throw new Problem(Problem.Kind.PAYLOAD_TOO_LARGE, purpose.field() + "-too-large",
                capitalized(purpose.noun()) + " is larger than 2 MB; upload a smaller image.",
                java.util.List.of(new Problem.FieldError(purpose.field(), "At most 2 MB.")));
        if (formats.contains(Format.PNG) && startsWith(content, new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A})) {
            return raster(content, "png", "image/png", purpose);
        }
        if (formats.contains(Format.JPEG) && startsWith(content, new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF})) {
            return raster(content, "jpeg", "image/jpeg", purpose);
        }
        if (formats.contains(Format.WEBP) && isWebp(content)) return raster(content, "webp", "image/webp", purpose);
        if (formats.contains(Format.SVG) && looksLikeXml(content)) return svg(content, purpose);
        throw unsupported(purpose, formats);
    }

    private static String capitalized(String noun) {
        return noun.isEmpty() ? noun : Character.toUpperCase(noun.charAt(0)) + noun.substring(1);
    }

    private static Checked raster(byte[] content, String format, String contentType, Purpose purpose) {
        // ImageIO finds plugins on the class path once, at its start; in a packed application that may have been
        // before the plugin's jar was visible, so look again when a format has no reader yet.
        if (!ImageIO.getImageReadersByFormatName(format).hasNext()) ImageIO.scanForPlugins();
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(content))) {
            Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(format);
            if (!readers.hasNext()) throw unsupported(purpose, Set.of(Format.valueOf(format.toUpperCase(Locale.ROOT))));
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                // Read the size from the header before decoding, so a tiny file that claims a huge image is refused cheaply.
                int width = reader.getWidth(0);
                int height = reader.getHeight(0);
                if (width < 1 || height < 1 || width > MAX_PIXELS_PER_SIDE || height > MAX_PIXELS_PER_SIDE) {
                    throw Problem.invalidField(purpose.field(), capitalized(purpose.noun()) + " must be at most " + MAX_PIXELS_PER_SIDE + " pixels on each side.");
                }
                reader.read(0);
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof Problem p) throw p;
            throw Problem.invalidField(purpose.field(), "The file for " + purpose.noun() + " is damaged or not really a " + format.toUpperCase(Locale.ROOT) + " image.");
        }
        return new Checked(content, contentType);
    }

    private static Checked svg(byte[] content, Purpose purpose) {
        Document doc;
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setXIncludeAware(false);
            factory.setExpandEntityReferences(false);
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            InputLimits.limitXmlDepth(factory); // the cleaning and writing below recurse once per level
            DocumentBuilder builder = factory.newDocumentBuilder();
            builder.setErrorHandler(null);
            doc = builder.parse(new ByteArrayInputStream(content));
        } catch (Exception e) {
            if (InputLimits.isXmlDepthError(e)) {
                throw Problem.invalidField(purpose.field(), "The SVG file nests its elements more than " + InputLimits.MAX_XML_DEPTH
                        + " levels deep; save it flatter (ungroup) and upload again.");
            }
            throw Problem.invalidField(purpose.field(), "The SVG file could not be read (it may be damaged, or use a DOCTYPE, which is not allowed).");
        }
        Element root = doc.getDocumentElement();
        if (!"svg".equals(root.getLocalName())) throw unsupported(purpose, Set.of(Format.SVG));
        try {
            SvgSanitizer.clean(doc);
        } catch (SvgSanitizer.ActiveContent e) {
            throw scripted(purpose);
        }
        try {
            Transformer transformer = TransformerFactory.newDefaultInstance().newTransformer();
            transformer.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            transformer.transform(new DOMSource(doc), new StreamResult(out));
            return new Checked(out.toByteArray(), "image/svg+xml");
        } catch (Exception e) {
            throw Problem.invalidField(purpose.field(), "The SVG file could not be processed.");
        }
    }

    /** RIFF container of the WebP form: "RIFF", four bytes of length, "WEBP". */
    private static boolean isWebp(byte[] content) {
        return content.length >= 12 && startsWith(content, new byte[] {'R', 'I', 'F', 'F'})
                && content[8] == 'W' && content[9] == 'E' && content[10] == 'B' && content[11] == 'P';
    }

    private static boolean looksLikeXml(byte[] content) {
        String head = new String(content, 0, Math.min(content.length, 512), java.nio.charset.StandardCharsets.UTF_8).stripLeading();
        if (head.startsWith("\uFEFF")) head = head.substring(1);
        return head.startsWith("<?xml") || head.startsWith("<svg") || head.startsWith("<!--");
    }

    private static boolean startsWith(byte[] content, byte[] magic) {
        if (content.length < magic.length) return false;
        for (int i = 0; i < magic.length; i++) if (content[i] != magic[i]) return false;
        return true;
    }

    private static Problem unsupported(Purpose purpose, Set<Format> formats) {
        String allowed = formats.stream().map(Enum::name).sorted().reduce((a, b) -> a + ", " + b).orElse("");
        return new Problem(Problem.Kind.UNSUPPORTED_MEDIA, "unsupported-image",
                capitalized(purpose.noun()) + " must be one of " + allowed + "; this file is none of these.",
                java.util.List.of(new Problem.FieldError(purpose.field(), "Use a " + allowed + " image.")));
    }

    private static Problem scripted(Purpose purpose) {
        return Problem.invalidField(purpose.field(), "SVG images may not contain scripts or event handlers; remove them and upload again.");
    }
}
