package org.tasktracker.caldav;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;

import javax.xml.XMLConstants;
import javax.xml.namespace.QName;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

import org.jspecify.annotations.Nullable;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * WebDAV's XML: request bodies read with the JDK's DOM parser, hardened (no DTD at all,
 * so no entity of any kind, internal or external, and no billion laughs; no XInclude; no
 * access to external files or URLs), and responses written with StAX.
 */
final class DavXml {

	static final String DAV = "DAV:";

	static final String CALDAV = "urn:ietf:params:xml:ns:caldav";

	static final String CALENDARSERVER = "http://calendarserver.org/ns/";

	static final String APPLE = "http://apple.com/ns/ical/";

	/** Elements nested deeper are refused as malformed. */
	static final int MAX_DEPTH = 64;

	private static final DocumentBuilderFactory FACTORY = factory();

	private static final XMLOutputFactory OUTPUT = output();

	private DavXml() {
	}

	private static DocumentBuilderFactory factory() {
		DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
		factory.setNamespaceAware(true);
		factory.setXIncludeAware(false);
		factory.setExpandEntityReferences(false);
		factory.setIgnoringComments(true);
		try {
			factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
			// A DOCTYPE is refused outright: without one there is no entity to expand.
			factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
			factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
			factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
			factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
		}
		catch (ParserConfigurationException ex) {
			throw new IllegalStateException("The JDK's parser takes these features", ex);
		}
		factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
		factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
		// The filters are read recursively; no DAV request nests anywhere near this deep.
		factory.setAttribute("jdk.xml.maxElementDepth", Integer.toString(MAX_DEPTH));
		return factory;
	}

	private static XMLOutputFactory output() {
		return XMLOutputFactory.newInstance();
	}

	/**
	 * The body's root element, or null for an empty body.
	 * @throws MalformedXmlException for anything that is not one well-formed document
	 * without a DOCTYPE
	 */
	/**
	 * Text as XML 1.0 may carry it: a character outside its {@code Char} production (a
	 * control character, U+FFFE, U+FFFF, a lone surrogate) becomes U+FFFD. The API takes
	 * U+FFFE and U+FFFF in names; written raw they make the whole multistatus unreadable.
	 */
	static String text(String value) {
		StringBuilder text = null;
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			boolean allowed;
			if (Character.isHighSurrogate(c) && i + 1 < value.length()
					&& Character.isLowSurrogate(value.charAt(i + 1))) {
				if (text != null) {
					text.append(c).append(value.charAt(i + 1));
				}
				i++;
				continue;
			}
			allowed = (c >= 0x20 && c < 0xD800) || c == '\t' || c == '\n' || c == '\r' || (c >= 0xE000 && c <= 0xFFFD);
			if (!allowed && text == null) {
				text = new StringBuilder(value.length()).append(value, 0, i);
			}
			if (text != null) {
				text.append(allowed ? c : '\uFFFD');
			}
		}
		return (text != null) ? text.toString() : value;
	}

	static @Nullable Element parse(InputStream body) throws IOException {
		if (!body.markSupported()) {
			body = new java.io.BufferedInputStream(body);
		}
		body.mark(1);
		if (body.read() == -1) {
			return null;
		}
		body.reset();
		try {
			DocumentBuilder builder = FACTORY.newDocumentBuilder();
			builder.setErrorHandler(SILENT);
			Document document = builder.parse(body);
			return document.getDocumentElement();
		}
		catch (SAXException | ParserConfigurationException ex) {
			throw new MalformedXmlException();
		}
	}

	/** Whether the element is {@code name} in {@code namespace}. */
	static boolean is(@Nullable Node node, String namespace, String name) {
		return node instanceof Element element && namespace.equals(element.getNamespaceURI())
				&& name.equals(element.getLocalName());
	}

	static QName name(Element element) {
		String namespace = element.getNamespaceURI();
		return new QName((namespace != null) ? namespace : "", element.getLocalName());
	}

	/** The element's child elements, in order. */
	static List<Element> children(Element parent) {
		List<Element> children = new ArrayList<>();
		for (Node child = parent.getFirstChild(); child != null; child = child.getNextSibling()) {
			if (child instanceof Element element) {
				children.add(element);
			}
		}
		return children;
	}

	static @Nullable Element child(Element parent, String namespace, String name) {
		for (Element child : children(parent)) {
			if (is(child, namespace, name)) {
				return child;
			}
		}
		return null;
	}

	/** Whether the namespace has a prefix of its own in every response. */
	static boolean known(String namespace) {
		return namespace.equals(DAV) || namespace.equals(CALDAV) || namespace.equals(CALENDARSERVER)
				|| namespace.equals(APPLE);
	}

	/**
	 * A writer with the four namespaces' prefixes bound; the caller declares them on the
	 * root element ({@link #declare}).
	 */
	static XMLStreamWriter writer(OutputStream out) {
		try {
			XMLStreamWriter writer = OUTPUT.createXMLStreamWriter(out, "UTF-8");
			writer.setPrefix("d", DAV);
			writer.setPrefix("c", CALDAV);
			writer.setPrefix("cs", CALENDARSERVER);
			writer.setPrefix("ical", APPLE);
			return writer;
		}
		catch (XMLStreamException ex) {
			throw new IllegalStateException("The JDK's StAX writer writes UTF-8", ex);
		}
	}

	static void declare(XMLStreamWriter xml) throws XMLStreamException {
		xml.writeNamespace("d", DAV);
		xml.writeNamespace("c", CALDAV);
		xml.writeNamespace("cs", CALENDARSERVER);
		xml.writeNamespace("ical", APPLE);
	}

	/** A body that is not well-formed XML, has a DOCTYPE or nests too deep: 400. */
	static final class MalformedXmlException extends RuntimeException {

		MalformedXmlException() {
			super("The body is not well-formed XML, has a DOCTYPE or nests too deep", null, false, false);
		}

	}

	/** The parser's messages go nowhere: a refusal is the exception, not a log line. */
	private static final ErrorHandler SILENT = new ErrorHandler() {

		@Override
		public void warning(SAXParseException exception) {
		}

		@Override
		public void error(SAXParseException exception) throws SAXException {
			throw exception;
		}

		@Override
		public void fatalError(SAXParseException exception) throws SAXException {
			throw exception;
		}

	};

}
