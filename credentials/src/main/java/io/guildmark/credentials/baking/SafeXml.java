package io.guildmark.credentials.baking;

import io.guildmark.credentials.InputLimits;
import io.guildmark.credentials.baking.BakingException.Reason;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.w3c.dom.Document;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * XML parsing and writing hardened against XXE and entity expansion (OWASP XML External Entity Prevention Cheat Sheet,
 * "JAXP DocumentBuilderFactory"): DOCTYPE declarations are refused outright, so neither external nor internal
 * entities (billion laughs) can be declared.
 */
final class SafeXml {

    private SafeXml() {
    }

    static Document parse(byte[] xml) throws BakingException {
        try {
            var factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
            factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            factory.setXIncludeAware(false);
            factory.setExpandEntityReferences(false);
            InputLimits.limitXmlDepth(factory);
            DocumentBuilder builder = factory.newDocumentBuilder();
            builder.setErrorHandler(new ErrorHandler() {
                @Override
                public void warning(SAXParseException e) {
                }

                @Override
                public void error(SAXParseException e) throws SAXException {
                    throw e;
                }

                @Override
                public void fatalError(SAXParseException e) throws SAXException {
                    throw e;
                }
            });
            builder.setEntityResolver((publicId, systemId) -> {
                throw new SAXException("external entities are not allowed");
            });
            return builder.parse(new ByteArrayInputStream(xml));
        } catch (SAXException e) {
            var doctype = e.getMessage() != null && e.getMessage().contains("DOCTYPE");
            if (InputLimits.isXmlDepthError(e)) {
                throw new BakingException(Reason.UNSAFE_XML, "SVG is refused: its elements are nested more than "
                        + InputLimits.MAX_XML_DEPTH + " levels deep, and no real badge image is", e);
            }
            throw new BakingException(Reason.UNSAFE_XML, doctype
                    ? "SVG with a DOCTYPE is refused: DTDs and entities are not allowed in badge images"
                    : "SVG is not well-formed XML: " + e.getMessage(), e);
        } catch (ParserConfigurationException | IOException e) {
            throw new BakingException(Reason.UNSAFE_XML, "SVG could not be parsed: " + e.getMessage(), e);
        }
    }

    static byte[] write(Document document) throws BakingException {
        try {
            var factory = TransformerFactory.newInstance();
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_STYLESHEET, "");
            var transformer = factory.newTransformer();
            transformer.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
            transformer.setOutputProperty(OutputKeys.METHOD, "xml");
            var out = new ByteArrayOutputStream();
            transformer.transform(new DOMSource(document), new StreamResult(out));
            return out.toByteArray();
        } catch (TransformerException e) {
            throw new BakingException(Reason.UNSAFE_XML, "SVG could not be written: " + e.getMessage(), e);
        }
    }
}
