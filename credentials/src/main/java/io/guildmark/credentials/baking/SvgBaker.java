package io.guildmark.credentials.baking;

import io.guildmark.credentials.baking.BakedCredential.Format;
import io.guildmark.credentials.baking.BakingException.Reason;
import java.util.ArrayList;
import java.util.Optional;
import javax.xml.XMLConstants;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Bakes credentials into SVG images and extracts them (OB 3.0 "Baked Badge", SVG; OB 2.0 "SVGs").
 *
 * <ul>
 *   <li>OB 3.0 JSON: {@code <openbadges:credential><![CDATA[{…}]]></openbadges:credential>}</li>
 *   <li>OB 3.0 VC-JWT: {@code <openbadges:credential verify="header.payload.signature"/>}</li>
 *   <li>OB 2.0: {@code <openbadges:assertion verify="URL or JWS">}, with the assertion JSON in CDATA when given</li>
 * </ul>
 * The element is the first child of {@code <svg>}; an existing element of the same kind is replaced. SVGs with a
 * DOCTYPE are refused (see {@link SafeXml}). Thread safe.
 */
public final class SvgBaker {

    public static final String OB3_NAMESPACE = "https://purl.imsglobal.org/ob/v3p0";
    public static final String OB2_NAMESPACE = "http://openbadges.org";
    static final String SVG_NAMESPACE = "http://www.w3.org/2000/svg";

    private final long maxBytes;

    public SvgBaker() {
        this(PngBaker.DEFAULT_MAX_BYTES);
    }

    public SvgBaker(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    /** Whether the bytes look like an SVG document (an XML document whose text mentions an svg root). */
    public static boolean looksLikeSvg(byte[] bytes) {
        var head = new String(bytes, 0, Math.min(bytes.length, 4096), java.nio.charset.StandardCharsets.UTF_8).stripLeading();
        return (head.startsWith("<?xml") || head.startsWith("<svg") || head.startsWith("<!--")) && head.contains("<svg");
    }

    /**
     * Returns the SVG with the payload baked in, as UTF-8.
     *
     * @throws BakingException if the SVG is too large, unsafe or malformed, or the payload doesn't fit the format
     */
    public byte[] bake(byte[] svg, String payload, Format format) throws BakingException {
        if (payload == null || payload.isBlank()) {
            throw new BakingException(Reason.INVALID_PAYLOAD, "nothing to bake");
        }
        if (format == Format.OB3_JSON && !payload.stripLeading().startsWith("{")) {
            throw new BakingException(Reason.INVALID_PAYLOAD, "an OB3_JSON payload must be a JSON object");
        }
        if (format == Format.OB3_JWT && payload.strip().split("\\.", -1).length != 3) {
            throw new BakingException(Reason.INVALID_PAYLOAD, "an OB3_JWT payload must be a compact JWS");
        }
        var document = parse(svg);
        var root = document.getDocumentElement();
        var namespace = format == Format.OB2 ? OB2_NAMESPACE : OB3_NAMESPACE;
        var localName = format == Format.OB2 ? "assertion" : "credential";
        // OB 3.0 SVG baking: there MUST be only one such element; we overwrite the old one.
        var existing = new ArrayList<Node>();
        var found = document.getElementsByTagNameNS(namespace, localName);
        for (int i = 0; i < found.getLength(); i++) {
            existing.add(found.item(i));
        }
        existing.forEach(n -> n.getParentNode().removeChild(n));

        var element = document.createElementNS(namespace, "openbadges:" + localName);
        var declared = root.getAttributeNS(XMLConstants.XMLNS_ATTRIBUTE_NS_URI, "openbadges");
        if (declared.isEmpty() || declared.equals(namespace)) {
            root.setAttributeNS(XMLConstants.XMLNS_ATTRIBUTE_NS_URI, "xmlns:openbadges", namespace);
        } else {
            // The prefix is bound to the other OB version on the root (an image baked for both): scope it locally.
            element.setAttributeNS(XMLConstants.XMLNS_ATTRIBUTE_NS_URI, "xmlns:openbadges", namespace);
        }
        var text = payload.strip();
        if (format == Format.OB3_JWT) {
            element.setAttribute("verify", text);
        } else if (format == Format.OB3_JSON) {
            element.appendChild(document.createCDATASection(text));
        } else if (text.startsWith("{")) {
            element.appendChild(document.createCDATASection(text));
        } else {
            element.setAttribute("verify", text);
        }
        root.insertBefore(element, root.getFirstChild());
        return SafeXml.write(document);
    }

    /**
     * Finds the baked credential: the first {@code <openbadges:credential>} (OB 3.0), else the first
     * {@code <openbadges:assertion>} (OB 2.0).
     *
     * @return empty if the SVG carries no badge
     * @throws BakingException if the SVG is too large, unsafe or malformed
     */
    public Optional<BakedCredential> extract(byte[] svg) throws BakingException {
        var document = parse(svg);
        var ob3 = document.getElementsByTagNameNS(OB3_NAMESPACE, "credential");
        if (ob3.getLength() > 0) {
            var element = (Element) ob3.item(0);
            var verify = element.getAttribute("verify").strip();
            if (!verify.isEmpty()) {
                return Optional.of(new BakedCredential(Format.OB3_JWT, verify));
            }
            var body = element.getTextContent().strip();
            return body.isEmpty() ? Optional.empty()
                    : Optional.of(new BakedCredential(BakedCredential.ob3FormatOf(body), body));
        }
        var ob2 = document.getElementsByTagNameNS(OB2_NAMESPACE, "assertion");
        if (ob2.getLength() > 0) {
            var element = (Element) ob2.item(0);
            var body = element.getTextContent().strip();
            var verify = element.getAttribute("verify").strip();
            var payload = !body.isEmpty() ? body : verify;
            return payload.isEmpty() ? Optional.empty() : Optional.of(new BakedCredential(Format.OB2, payload));
        }
        return Optional.empty();
    }

    private Document parse(byte[] svg) throws BakingException {
        if (svg == null) {
            throw new BakingException(Reason.UNSUPPORTED_FORMAT, "no image");
        }
        if (svg.length > maxBytes) {
            throw new BakingException(Reason.TOO_LARGE, "image of " + svg.length + " bytes exceeds the limit of "
                    + maxBytes + " bytes");
        }
        var document = SafeXml.parse(svg);
        var root = document.getDocumentElement();
        if (!"svg".equals(root.getLocalName()) || !SVG_NAMESPACE.equals(root.getNamespaceURI())) {
            throw new BakingException(Reason.UNSUPPORTED_FORMAT, "not an SVG image: the root element is <"
                    + root.getNodeName() + ">");
        }
        return document;
    }
}
