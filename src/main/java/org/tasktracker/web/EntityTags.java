package org.tasktracker.web;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * The entity tags of an {@code If-Match} or {@code If-None-Match} header (RFC 9110,
 * section 8.8.3): {@code *}, or a list of tags, each strong ({@code "3"}) or weak
 * ({@code W/"3"}). The service's own tags are strong: an object's version in quotes.
 *
 * @param any whether the header is {@code *}
 * @param tags the listed tags as sent, weak ones with their {@code W/}
 */
public record EntityTags(boolean any, List<String> tags) {

	/** The strong entity tag of a version. */
	public static String of(long version) {
		return "\"" + version + "\"";
	}

	/**
	 * Reads a header's value, or answers null when the request has none. Empty list
	 * elements ({@code "1",,} or a lone {@code ,}) are ignored, as RFC 9110 (section
	 * 5.6.1.2) requires; a value with no tag at all is the empty list its grammar
	 * ({@code #entity-tag}) allows, which no version matches.
	 * @param header the header's name, to name it in a refusal
	 * @throws InvalidRequestException naming the header if the value is not {@code *} or
	 * a list of entity tags
	 */
	public static @Nullable EntityTags parse(String header, @Nullable String value) {
		if (value == null) {
			return null;
		}
		String trimmed = value.strip();
		if ("*".equals(trimmed)) {
			return new EntityTags(true, List.of());
		}
		List<String> tags = new ArrayList<>();
		int at = skipEmptyElements(trimmed, 0);
		while (at < trimmed.length()) {
			int start = at;
			if (trimmed.startsWith("W/", at)) {
				at += 2;
			}
			if (at >= trimmed.length() || trimmed.charAt(at) != '"') {
				throw malformed(header);
			}
			int close = trimmed.indexOf('"', at + 1);
			if (close < 0) {
				throw malformed(header);
			}
			for (int i = at + 1; i < close; i++) {
				char c = trimmed.charAt(i);
				// etagc: %x21 / %x23-7E / obs-text; no spaces or controls.
				if (c < 0x21 || c == 0x7F) {
					throw malformed(header);
				}
			}
			tags.add(trimmed.substring(start, close + 1));
			at = close + 1;
			while (at < trimmed.length() && isWhitespace(trimmed.charAt(at))) {
				at++;
			}
			if (at < trimmed.length() && trimmed.charAt(at) != ',') {
				throw malformed(header);
			}
			at = skipEmptyElements(trimmed, at);
		}
		return new EntityTags(false, List.copyOf(tags));
	}

	/** Past any commas and the white space around them: where the next element starts. */
	private static int skipEmptyElements(String value, int from) {
		int at = from;
		while (at < value.length() && (value.charAt(at) == ',' || isWhitespace(value.charAt(at)))) {
			at++;
		}
		return at;
	}

	private static boolean isWhitespace(char c) {
		return c == ' ' || c == '\t';
	}

	/**
	 * {@code If-Match}: whether the object at this version may be changed. The comparison
	 * is strong: a weak tag never matches.
	 */
	public boolean matchesStrongly(long version) {
		return this.any || this.tags.contains(of(version));
	}

	/**
	 * {@code If-Match} against the version just locked: the change may go ahead.
	 * @param current the object's version, or null when the caller has no such object
	 * @param what the object, as the refusal names it ({@code Task 7})
	 * @return false when there is no such object
	 * @throws PreconditionFailedException with the current version if none of the tags
	 * holds it
	 */
	public boolean admit(@Nullable Long current, String what) {
		if (current != null && !matchesStrongly(current)) {
			throw new PreconditionFailedException(what, current);
		}
		return current != null;
	}

	/**
	 * The answer to a read of one object: 304 with its tag when the client's
	 * {@code If-None-Match} holds it already, else the object.
	 * @param held the request's {@code If-None-Match}, or null
	 */
	public static <T> ResponseEntity<T> answer(@Nullable EntityTags held, long version, T body) {
		if (held != null && held.matchesWeakly(version)) {
			return ResponseEntity.status(HttpStatus.NOT_MODIFIED).eTag(of(version)).build();
		}
		return ResponseEntity.ok(body);
	}

	/**
	 * {@code If-None-Match}: whether the client holds this version already. The
	 * comparison is weak: {@code W/"3"} matches version 3.
	 */
	public boolean matchesWeakly(long version) {
		String tag = of(version);
		return this.any || this.tags.stream().anyMatch((listed) -> listed.equals(tag) || listed.equals("W/" + tag));
	}

	private static InvalidRequestException malformed(String header) {
		return new InvalidRequestException(header,
				"must be * or a list of entity tags such as \"3\", as sent in the ETag header");
	}

}
