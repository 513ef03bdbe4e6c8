package io.guildmark.app.shared;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.w3c.dom.Attr;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;

/**
 * Cleans a parsed SVG image by allow-list: only the elements and attributes of static vector drawing are kept, every
 * link must point inside the document (or, for {@code <image>}, be an embedded PNG, JPEG, GIF or WebP), and CSS may
 * neither import nor fetch anything. Uploaded images are shown to other people, so showing one must never run code or
 * make a reader's browser contact anyone; the Content-Security-Policy is a second wall, not the only one.
 *
 * <p>Active content ({@code script}, {@code foreignObject}, event handlers, {@code javascript:} links) is refused
 * rather than removed, so the uploader learns their file was unsafe; anything else outside the lists is dropped.
 * OWASP's java-html-sanitizer, already used for HTML, does not know SVG's elements, so the lists live here.
 */
final class SvgSanitizer {

    /** Thrown for active content; the caller says so in words that suit the upload. */
    static final class ActiveContent extends RuntimeException {
        ActiveContent(String what) {
            super(what, null, false, false);
        }
    }

    static final String SVG_NS = "http://www.w3.org/2000/svg";
    private static final String XLINK_NS = "http://www.w3.org/1999/xlink";
    private static final String XML_NS = "http://www.w3.org/XML/1998/namespace";
    private static final String XMLNS_NS = "http://www.w3.org/2000/xmlns/";

    private static final Set<String> ACTIVE_ELEMENTS = Set.of("script", "foreignobject", "iframe", "embed", "object",
            "handler", "listener");

    private static final Set<String> ELEMENTS = Set.of("svg", "g", "defs", "symbol", "use", "title", "desc", "path",
            "rect", "circle", "ellipse", "line", "polyline", "polygon", "text", "tspan", "textPath", "linearGradient",
            "radialGradient", "stop", "pattern", "clipPath", "mask", "marker", "image", "style", "filter", "feBlend",
            "feColorMatrix", "feComponentTransfer", "feComposite", "feConvolveMatrix", "feDiffuseLighting",
            "feDisplacementMap", "feDistantLight", "feDropShadow", "feFlood", "feFuncA", "feFuncB", "feFuncG", "feFuncR",
            "feGaussianBlur", "feMerge", "feMergeNode", "feMorphology", "feOffset", "fePointLight", "feSpecularLighting",
            "feSpotLight", "feTile", "feTurbulence");

    /** Containers whose content is kept when they themselves are not: a link's text, a switch's drawing. */
    private static final Set<String> UNWRAPPED = Set.of("a", "switch");

    private static final Set<String> ATTRIBUTES = Set.of(
            // core and accessibility
            "id", "class", "style", "lang", "role", "aria-label", "aria-hidden", "focusable",
            // geometry and viewport
            "x", "y", "x1", "y1", "x2", "y2", "cx", "cy", "r", "rx", "ry", "fx", "fy", "fr", "width", "height", "d",
            "points", "pathLength", "transform", "transform-origin", "viewBox", "preserveAspectRatio", "version",
            "baseProfile",
            // presentation
            "fill", "fill-opacity", "fill-rule", "stroke", "stroke-width", "stroke-opacity", "stroke-linecap",
            "stroke-linejoin", "stroke-miterlimit", "stroke-dasharray", "stroke-dashoffset", "opacity", "color",
            "display", "visibility", "overflow", "clip-path", "clip-rule", "mask", "filter", "font-family", "font-size",
            "font-style", "font-weight", "font-variant", "font-stretch", "font-size-adjust", "text-anchor",
            "dominant-baseline", "alignment-baseline", "baseline-shift", "letter-spacing", "word-spacing",
            "text-decoration", "writing-mode", "direction", "unicode-bidi", "stop-color", "stop-opacity",
            "marker-start", "marker-mid", "marker-end", "shape-rendering", "text-rendering", "image-rendering",
            "color-interpolation", "color-interpolation-filters", "color-rendering", "flood-color", "flood-opacity",
            "lighting-color", "paint-order", "vector-effect", "mix-blend-mode", "isolation",
            // gradients, patterns, clips, masks, markers
            "gradientUnits", "gradientTransform", "spreadMethod", "offset", "patternUnits", "patternContentUnits",
            "patternTransform", "clipPathUnits", "maskUnits", "maskContentUnits", "markerUnits", "markerWidth",
            "markerHeight", "refX", "refY", "orient",
            // filters
            "filterUnits", "primitiveUnits", "in", "in2", "result", "stdDeviation", "dx", "dy", "mode", "type",
            "values", "operator", "k1", "k2", "k3", "k4", "radius", "scale", "xChannelSelector", "yChannelSelector",
            "baseFrequency", "numOctaves", "seed", "stitchTiles", "tableValues", "slope", "intercept", "amplitude",
            "exponent", "order", "kernelMatrix", "divisor", "bias", "targetX", "targetY", "edgeMode",
            "kernelUnitLength", "preserveAlpha", "surfaceScale", "diffuseConstant", "specularConstant",
            "specularExponent", "azimuth", "elevation", "z", "pointsAtX", "pointsAtY", "pointsAtZ",
            "limitingConeAngle",
            // text
            "textLength", "lengthAdjust", "rotate", "startOffset", "method", "spacing", "side",
            // links, checked below
            "href");

    /** Whitespace and control characters a browser skips inside a URL ("java\tscript:" is "javascript:"). */
    private static final Pattern URL_IGNORED = Pattern.compile("[\\x00-\\x20\\x7F-\\x9F\\u00A0\\u1680\\u2000-\\u200F\\u2028-\\u202F\\u205F\\u3000\\uFEFF]");
    private static final Pattern RASTER_DATA = Pattern.compile("data:image/(png|jpeg|jpg|gif|webp)(;base64)?,[a-z0-9+/=%]*");
    private static final Pattern CSS_ESCAPE = Pattern.compile("\\\\(?:([0-9a-fA-F]{1,6})[ \\t\\n\\r\\f]?|\\r\\n|([\\s\\S]))");
    private static final Pattern CSS_COMMENT = Pattern.compile("/\\*[\\s\\S]*?(\\*/|$)");
    private static final Pattern CSS_URL = Pattern.compile("url\\(([^)]*)\\)?");

    private SvgSanitizer() {}

    /** Cleans the document in place; throws {@link ActiveContent} for scripts, event handlers and script links. */
    static void clean(Document document) {
        // Processing instructions (xml-stylesheet) and comments may sit before or after the root element too.
        for (Node child = document.getFirstChild(); child != null; ) {
            Node next = child.getNextSibling();
            if (child.getNodeType() != Node.ELEMENT_NODE) document.removeChild(child);
            child = next;
        }
        Element root = document.getDocumentElement();
        clean(root, root.getNamespaceURI());
    }

    private static void clean(Element element, @Nullable String svgNamespace) {
        String name = localName(element);
        if (ACTIVE_ELEMENTS.contains(name.toLowerCase(Locale.ROOT))) throw new ActiveContent("a " + name + " element");
        cleanAttributes(element, name);
        if (name.equals("style") && !isSafeCss(element.getTextContent())) {
            element.getParentNode().removeChild(element);
            return;
        }
        for (Node child = element.getFirstChild(); child != null; ) {
            Node next = child.getNextSibling();
            switch (child.getNodeType()) {
                case Node.ELEMENT_NODE -> {
                    Element e = (Element) child;
                    boolean ours = java.util.Objects.equals(e.getNamespaceURI(), svgNamespace);
                    String childName = localName(e);
                    if (ACTIVE_ELEMENTS.contains(childName.toLowerCase(Locale.ROOT))) throw new ActiveContent("a " + childName + " element");
                    if (ours && ELEMENTS.contains(childName)) {
                        clean(e, svgNamespace);
                    } else if (ours && UNWRAPPED.contains(childName)) {
                        Node first = e.getFirstChild();
                        while (e.getFirstChild() != null) element.insertBefore(e.getFirstChild(), e);
                        element.removeChild(e);
                        if (first != null) next = first; // clean the moved children in turn
                    } else {
                        refuseActiveContent(e); // dropped, but an uploader who sent a script should hear so
                        element.removeChild(e);
                    }
                }
                case Node.TEXT_NODE, Node.CDATA_SECTION_NODE -> { }
                default -> element.removeChild(child); // processing instructions, comments, entity references
            }
            child = next;
        }
    }

    private static void refuseActiveContent(Element element) {
        String name = localName(element);
        if (ACTIVE_ELEMENTS.contains(name.toLowerCase(Locale.ROOT))) throw new ActiveContent("a " + name + " element");
        NamedNodeMap attributes = element.getAttributes();
        for (int i = 0; i < attributes.getLength(); i++) {
            Attr attr = (Attr) attributes.item(i);
            if (localName(attr).toLowerCase(Locale.ROOT).startsWith("on")) throw new ActiveContent("an event handler (" + attr.getName() + ")");
            String squeezed = squeeze(attr.getValue());
            if (squeezed.contains("javascript:") || squeezed.contains("vbscript:")) throw new ActiveContent("a script link");
        }
        for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element e) refuseActiveContent(e);
        }
    }

    private static void cleanAttributes(Element element, String elementName) {
        NamedNodeMap attributes = element.getAttributes();
        for (int i = attributes.getLength() - 1; i >= 0; i--) {
            Attr attr = (Attr) attributes.item(i);
            String ns = attr.getNamespaceURI();
            String name = localName(attr);
            if (name.toLowerCase(Locale.ROOT).startsWith("on")) throw new ActiveContent("an event handler (" + attr.getName() + ")");
            String squeezed = squeeze(attr.getValue());
            if (squeezed.contains("javascript:") || squeezed.contains("vbscript:")) throw new ActiveContent("a script link");
            boolean keep;
            if (XMLNS_NS.equals(ns)) {
                keep = attr.getValue().equals(SVG_NS) || attr.getValue().equals(XLINK_NS);
            } else if (XML_NS.equals(ns)) {
                keep = name.equals("space") || name.equals("lang");
            } else if (XLINK_NS.equals(ns) || ns == null) {
                keep = (ns == null || name.equals("href")) && ATTRIBUTES.contains(name);
                if (keep && name.equals("href")) keep = isSafeLink(squeezed, elementName);
                else if (keep) keep = isSafeCss(attr.getValue());
            } else {
                keep = false; // editors' own attributes (inkscape:, sodipodi:, …)
            }
            if (!keep) element.removeAttributeNode(attr);
        }
    }

    /** A link to somewhere in this document, or an embedded raster picture for {@code <image>}. */
    static boolean isSafeLink(String squeezed, String elementName) {
        if (squeezed.startsWith("#")) return true;
        return elementName.equals("image") && RASTER_DATA.matcher(squeezed).matches();
    }

    /**
     * Whether CSS (a stylesheet, a style attribute or any presentation value) fetches or imports nothing: read after
     * undoing CSS escapes ({@code @\69mport}) and comments, with no {@code @import}, no {@code image-set(}, no
     * {@code expression(} or bindings, and {@code url(…)} only to a fragment of this document.
     */
    static boolean isSafeCss(String css) {
        String plain = squeeze(CSS_COMMENT.matcher(unescapeCss(css)).replaceAll(""));
        if (plain.contains("@import") || plain.contains("image-set(") || plain.contains("expression(")
                || plain.contains("-moz-binding") || plain.contains("behavior:") || plain.contains("@font-face")
                || plain.contains("src(")) {
            return false;
        }
        Matcher url = CSS_URL.matcher(plain);
        while (url.find()) {
            String target = url.group(1).replace("\"", "").replace("'", "");
            if (!target.startsWith("#")) return false;
        }
        return true;
    }

    /** CSS with its escapes undone: {@code \69} and {@code \000069 } are "i", {@code \:} is ":". */
    static String unescapeCss(String css) {
        Matcher m = CSS_ESCAPE.matcher(css);
        StringBuilder out = new StringBuilder(css.length());
        while (m.find()) {
            String replacement;
            if (m.group(1) != null) {
                int code = Integer.parseInt(m.group(1), 16);
                replacement = code == 0 || code > Character.MAX_CODE_POINT || (code >= 0xD800 && code <= 0xDFFF)
                        ? "\uFFFD" : new String(Character.toChars(code));
            } else if (m.group(2) != null) {
                replacement = m.group(2).equals("\n") || m.group(2).equals("\f") || m.group(2).equals("\r") ? "" : m.group(2);
            } else {
                replacement = ""; // an escaped line break continues the string
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** The value without the whitespace and control characters browsers skip in URLs, in lower case. */
    static String squeeze(String value) {
        return URL_IGNORED.matcher(value).replaceAll("").toLowerCase(Locale.ROOT);
    }

    private static String localName(Node node) {
        return node.getLocalName() != null ? node.getLocalName() : node.getNodeName();
    }
}
