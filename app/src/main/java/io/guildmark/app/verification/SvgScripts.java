package io.guildmark.app.verification;

import java.io.ByteArrayInputStream;
import java.util.Locale;
import java.util.Optional;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;

import io.guildmark.credentials.InputLimits;

import org.w3c.dom.Attr;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;

/**
 * Finds active content in an SVG badge: {@code script} or {@code foreignObject} elements, {@code on…} event
 * attributes, and {@code javascript:} links. A badge image has no reason to carry any, and one that does may be
 * aimed at whoever opens it, so it is not verified. Only element and attribute names and link values are looked at,
 * never text, so a credential that merely mentions a script is not mistaken for one.
 */
final class SvgScripts {

    private SvgScripts() {}

    /** What active content the SVG has, in a few words, or empty; empty too when it is not well-formed XML. */
    static Optional<String> find(byte[] svg) {
        Element root;
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
            factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            factory.setXIncludeAware(false);
            factory.setExpandEntityReferences(false);
            InputLimits.limitXmlDepth(factory); // the walk below recurses once per level
            var builder = factory.newDocumentBuilder();
            builder.setErrorHandler(null);
            root = builder.parse(new ByteArrayInputStream(svg)).getDocumentElement();
        } catch (Exception e) {
            return Optional.empty(); // the library reports what is wrong with it
        }
        return find(root);
    }

    private static Optional<String> find(Element element) {
        String name = localName(element).toLowerCase(Locale.ROOT);
        if (name.equals("script")) return Optional.of("a script element");
        if (name.equals("foreignobject")) return Optional.of("a foreignObject element");
        NamedNodeMap attributes = element.getAttributes();
        for (int i = 0; i < attributes.getLength(); i++) {
            Attr attribute = (Attr) attributes.item(i);
            String attributeName = localName(attribute).toLowerCase(Locale.ROOT);
            if (attributeName.startsWith("on")) return Optional.of("an event handler (" + attribute.getName() + ")");
            String value = attribute.getValue().replaceAll("[\\s\\u0000-\\u001f]", "").toLowerCase(Locale.ROOT);
            if ((attributeName.equals("href") || attributeName.equals("src") || attributeName.equals("values")
                    || attributeName.equals("to") || attributeName.equals("from")) && value.startsWith("javascript:")) {
                return Optional.of("a javascript: link");
            }
        }
        for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element e) {
                Optional<String> found = find(e);
                if (found.isPresent()) return found;
            }
        }
        return Optional.empty();
    }

    private static String localName(Node node) {
        return node.getLocalName() != null ? node.getLocalName() : node.getNodeName();
    }
}
