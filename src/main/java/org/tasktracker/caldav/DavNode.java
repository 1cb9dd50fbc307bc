package org.tasktracker.caldav;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import javax.xml.namespace.QName;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * One DAV resource as a response describes it: its {@code href} and the properties it
 * has, each written only when asked for (a calendar's {@code getctag} reads the database,
 * a task's {@code calendar-data} writes the task).
 */
final class DavNode {

	/**
	 * Properties that {@code allprop} leaves out: the body of a task is what a report
	 * asks for by name (RFC 4791, 9.6), not what a listing should carry.
	 */
	static final Set<QName> NOT_IN_ALLPROP = Set.of(new QName(DavXml.CALDAV, "calendar-data"),
			new QName(DavXml.DAV, "getcontentlength"));

	private final String href;

	private final Map<QName, Value> properties = new LinkedHashMap<>();

	DavNode(String href) {
		this.href = href;
	}

	String href() {
		return this.href;
	}

	DavNode with(String namespace, String name, Value value) {
		this.properties.put(new QName(namespace, name), value);
		return this;
	}

	Map<QName, Value> properties() {
		return this.properties;
	}

	/** Writes a property's content, between its start and end tags. */
	@FunctionalInterface
	interface Value {

		void write(XMLStreamWriter xml) throws XMLStreamException;

		/** A property whose content is text. */
		static Value text(String text) {
			return (xml) -> xml.writeCharacters(DavXml.text(text));
		}

		/** A property whose content is one {@code DAV:href}. */
		static Value href(String href) {
			return (xml) -> {
				xml.writeStartElement(DavXml.DAV, "href");
				xml.writeCharacters(href);
				xml.writeEndElement();
			};
		}

		/** A property whose content is empty elements, such as a resource type. */
		static Value elements(QName... names) {
			return (xml) -> {
				for (QName name : names) {
					xml.writeEmptyElement(name.getNamespaceURI(), name.getLocalPart());
				}
			};
		}

	}

}
