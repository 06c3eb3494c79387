package dev.hookline.web;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/** A badge parsed with the JDK's XML parser: parsing at all proves it is well-formed. */
record SvgDocument(Document document) {

    static final String SVG_NS = "http://www.w3.org/2000/svg";

    static SvgDocument parse(String svg) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            return new SvgDocument(factory.newDocumentBuilder()
                    .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8))));
        } catch (ParserConfigurationException | SAXException | IOException e) {
            throw new AssertionError("not a well-formed SVG: " + e.getMessage() + "\n" + svg, e);
        }
    }

    Element root() {
        return document.getDocumentElement();
    }

    /** The texts drawn, shadows left out: the label, then the message. */
    List<String> texts() {
        List<String> texts = new ArrayList<>();
        NodeList nodes = document.getElementsByTagNameNS(SVG_NS, "text");
        for (int i = 0; i < nodes.getLength(); i++) {
            Element text = (Element) nodes.item(i);
            if (!text.hasAttribute("fill-opacity")) {
                texts.add(text.getTextContent());
            }
        }
        return texts;
    }

    /** The fill of the message's background, the state's colour. */
    String messageColour() {
        NodeList rects = document.getElementsByTagNameNS(SVG_NS, "rect");
        for (int i = 0; i < rects.getLength(); i++) {
            Element rect = (Element) rects.item(i);
            if (rect.hasAttribute("x")) {
                return rect.getAttribute("fill");
            }
        }
        throw new AssertionError("no message background in the badge");
    }

    String title() {
        return document.getElementsByTagNameNS(SVG_NS, "title").item(0).getTextContent();
    }
}
