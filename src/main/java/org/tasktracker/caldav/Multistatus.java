package org.tasktracker.caldav;

import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.xml.namespace.QName;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * A {@code 207 Multi-Status} body (RFC 4918, 13), written a response at a time: the
 * properties a resource has in a {@code 200} {@code propstat}, those it has not in a
 * {@code 404} one (RFC 4918, 9.1).
 */
final class Multistatus {

	private final XMLStreamWriter xml;

	Multistatus(OutputStream out) throws XMLStreamException {
		this.xml = DavXml.writer(out);
		this.xml.writeStartDocument("UTF-8", "1.0");
		this.xml.writeStartElement(DavXml.DAV, "multistatus");
		DavXml.declare(this.xml);
	}

	void response(DavNode node, PropertyRequest request) throws XMLStreamException {
		this.xml.writeStartElement(DavXml.DAV, "response");
		href(node.href());
		Map<QName, DavNode.Value> properties = node.properties();
		switch (request.kind()) {
			case ALL -> {
				List<QName> all = new ArrayList<>(properties.keySet());
				all.removeAll(DavNode.NOT_IN_ALLPROP);
				propstat(all, node, true, "200 OK");
			}
			case NAMES -> propstat(new ArrayList<>(properties.keySet()), node, false, "200 OK");
			case NAMED -> {
				List<QName> found = request.names().stream().filter(properties::containsKey).toList();
				List<QName> missing = request.names().stream().filter((name) -> !properties.containsKey(name)).toList();
				if (!found.isEmpty() || missing.isEmpty()) {
					propstat(found, node, true, "200 OK");
				}
				if (!missing.isEmpty()) {
					propstat(missing, node, false, "404 Not Found");
				}
			}
		}
		this.xml.writeEndElement();
	}

	/**
	 * A response naming each property with its own status (a {@code PROPPATCH}'s), one
	 * {@code propstat} per status.
	 */
	void statuses(String href, Map<QName, String> statuses) throws XMLStreamException {
		this.xml.writeStartElement(DavXml.DAV, "response");
		href(href);
		DavNode empty = new DavNode(href);
		for (String status : new java.util.LinkedHashSet<>(statuses.values())) {
			List<QName> names = statuses.entrySet()
				.stream()
				.filter((entry) -> entry.getValue().equals(status))
				.map(Map.Entry::getKey)
				.toList();
			propstat(names, empty, false, status);
		}
		this.xml.writeEndElement();
	}

	/** A response for a resource that is not there (or no longer is). */
	void missing(String href) throws XMLStreamException {
		this.xml.writeStartElement(DavXml.DAV, "response");
		href(href);
		status("404 Not Found");
		this.xml.writeEndElement();
	}

	/**
	 * The {@code sync-token} of a {@code sync-collection} report, after its responses.
	 */
	void syncToken(String token) throws XMLStreamException {
		this.xml.writeStartElement(DavXml.DAV, "sync-token");
		this.xml.writeCharacters(token);
		this.xml.writeEndElement();
	}

	void finish() throws XMLStreamException {
		this.xml.writeEndElement();
		this.xml.writeEndDocument();
		this.xml.flush();
	}

	private void propstat(List<QName> names, DavNode node, boolean values, String status) throws XMLStreamException {
		this.xml.writeStartElement(DavXml.DAV, "propstat");
		this.xml.writeStartElement(DavXml.DAV, "prop");
		for (QName name : names) {
			String namespace = name.getNamespaceURI();
			if (DavXml.known(namespace)) {
				this.xml.writeStartElement(namespace, name.getLocalPart());
			}
			else if (namespace.isEmpty()) {
				this.xml.writeStartElement(name.getLocalPart());
			}
			else {
				// A property of a namespace the service does not know, named back in a
				// 404 propstat: its namespace declared on it alone.
				this.xml.writeStartElement("x", name.getLocalPart(), namespace);
				this.xml.writeNamespace("x", namespace);
			}
			if (values) {
				node.properties().get(name).write(this.xml);
			}
			this.xml.writeEndElement();
		}
		this.xml.writeEndElement();
		status(status);
		this.xml.writeEndElement();
	}

	private void href(String href) throws XMLStreamException {
		this.xml.writeStartElement(DavXml.DAV, "href");
		this.xml.writeCharacters(href);
		this.xml.writeEndElement();
	}

	private void status(String status) throws XMLStreamException {
		this.xml.writeStartElement(DavXml.DAV, "status");
		this.xml.writeCharacters("HTTP/1.1 " + status);
		this.xml.writeEndElement();
	}

}
