package org.tasktracker.caldav;

import java.util.ArrayList;
import java.util.List;

import javax.xml.namespace.QName;

import org.jspecify.annotations.Nullable;
import org.w3c.dom.Element;

/**
 * Which properties a {@code PROPFIND} or a report asks for: all of them ({@code allprop},
 * or an empty {@code PROPFIND}), only their names ({@code propname}), or those named in
 * {@code prop}.
 *
 * @param names the properties named; empty unless {@code kind} is {@link Kind#NAMED}
 */
record PropertyRequest(Kind kind, List<QName> names) {

	static final PropertyRequest ALL = new PropertyRequest(Kind.ALL, List.of());

	/**
	 * What the children of {@code parent} (a {@code propfind} or a report) ask for; all
	 * properties when none of {@code prop}, {@code allprop} and {@code propname} is
	 * there.
	 */
	static PropertyRequest of(@Nullable Element parent) {
		if (parent == null) {
			return ALL;
		}
		for (Element child : DavXml.children(parent)) {
			if (DavXml.is(child, DavXml.DAV, "propname")) {
				return new PropertyRequest(Kind.NAMES, List.of());
			}
			if (DavXml.is(child, DavXml.DAV, "allprop")) {
				return ALL;
			}
			if (DavXml.is(child, DavXml.DAV, "prop")) {
				List<QName> names = new ArrayList<>();
				for (Element property : DavXml.children(child)) {
					QName name = DavXml.name(property);
					if (!names.contains(name)) {
						names.add(name);
					}
				}
				return new PropertyRequest(Kind.NAMED, names);
			}
		}
		return ALL;
	}

	enum Kind {

		ALL, NAMES, NAMED

	}

}
