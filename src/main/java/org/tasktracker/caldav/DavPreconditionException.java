package org.tasktracker.caldav;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;

/**
 * A request refused for a precondition that WebDAV, CalDAV or RFC 6578 names: answered
 * with that status and a {@code DAV:error} body holding the precondition's element, which
 * DAV clients read (RFC 4918, 16).
 *
 * @see DavController#refused
 */
final class DavPreconditionException extends RuntimeException {

	private final HttpStatus status;

	private final String namespace;

	private final String element;

	private final @Nullable String href;

	DavPreconditionException(HttpStatus status, String namespace, String element, String detail) {
		this(status, namespace, element, detail, null);
	}

	/**
	 * @param href the resource the precondition names, written inside its element (as
	 * {@code CALDAV:no-uid-conflict} does), or null
	 */
	DavPreconditionException(HttpStatus status, String namespace, String element, String detail,
			@Nullable String href) {
		super(detail, null, false, false);
		this.status = status;
		this.namespace = namespace;
		this.element = element;
		this.href = href;
	}

	static DavPreconditionException validFilter(String detail) {
		return new DavPreconditionException(HttpStatus.FORBIDDEN, DavXml.CALDAV, "valid-filter", detail);
	}

	static DavPreconditionException supportedFilter(String detail) {
		return new DavPreconditionException(HttpStatus.FORBIDDEN, DavXml.CALDAV, "supported-filter", detail);
	}

	HttpStatus status() {
		return this.status;
	}

	String namespace() {
		return this.namespace;
	}

	String element() {
		return this.element;
	}

	@Nullable String href() {
		return this.href;
	}

}
