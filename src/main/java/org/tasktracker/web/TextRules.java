package org.tasktracker.web;

import org.jspecify.annotations.Nullable;

/**
 * The rules every text field of the API shares: lengths in code points, no U+0000 (which
 * PostgreSQL cannot store), no unpaired surrogates, and trimming in the Unicode sense.
 */
public final class TextRules {

	private TextRules() {
	}

	/**
	 * Removes surrounding white space in the Unicode sense, including the no-break spaces
	 * that {@link String#strip()} keeps.
	 */
	public static String trim(String text) {
		int start = 0;
		int end = text.length();
		while (start < end && isWhiteSpace(text.codePointAt(start))) {
			start += Character.charCount(text.codePointAt(start));
		}
		while (end > start && isWhiteSpace(text.codePointBefore(end))) {
			end -= Character.charCount(text.codePointBefore(end));
		}
		return text.substring(start, end);
	}

	private static boolean isWhiteSpace(int codePoint) {
		return Character.isWhitespace(codePoint) || Character.isSpaceChar(codePoint);
	}

	/**
	 * What is wrong with a text, or null. Lengths count Unicode code points; U+0000 is
	 * always refused (PostgreSQL cannot store it), the other control characters only
	 * where {@code noControlCharacters} says so.
	 */
	public static @Nullable String problem(String text, int maxCodePoints, boolean noControlCharacters) {
		int codePoints = 0;
		for (int i = 0; i < text.length();) {
			int codePoint = text.codePointAt(i);
			i += Character.charCount(codePoint);
			codePoints++;
			if (codePoint == 0) {
				return "must not contain U+0000";
			}
			if (noControlCharacters && (codePoint < 0x20 || codePoint == 0x7F)) {
				return "must not contain control characters";
			}
			if (Character.isSurrogate((char) codePoint) && codePoint <= 0xFFFF) {
				return "must not contain unpaired surrogates";
			}
		}
		if (codePoints > maxCodePoints) {
			return "must be at most " + maxCodePoints + " characters";
		}
		return null;
	}

}
