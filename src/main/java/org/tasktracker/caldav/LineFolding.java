package org.tasktracker.caldav;

import java.io.FilterWriter;
import java.io.IOException;
import java.io.Writer;

/**
 * RFC 5545's folding of content lines at 75 octets of UTF-8, never inside a character.
 * ical4j's {@code FoldingWriter} counts UTF-16 chars, so a line of Cyrillic or CJK text
 * folded by it is two or three times too long for clients that hold to the limit.
 */
final class LineFolding extends FilterWriter {

	static final int MAX_OCTETS = 75;

	private int octets;

	private char highSurrogate;

	LineFolding(Writer out) {
		super(out);
	}

	@Override
	public void write(int c) throws IOException {
		char ch = (char) c;
		if (Character.isHighSurrogate(ch)) {
			this.highSurrogate = ch;
			return;
		}
		if (ch == '\r' || ch == '\n') {
			this.out.write(ch);
			this.octets = 0;
			return;
		}
		int length = (this.highSurrogate != 0) ? 4 : (ch < 0x80) ? 1 : (ch < 0x800) ? 2 : 3;
		if (this.octets + length > MAX_OCTETS) {
			this.out.write("\r\n ");
			this.octets = 1;
		}
		if (this.highSurrogate != 0) {
			this.out.write(this.highSurrogate);
			this.highSurrogate = 0;
		}
		this.out.write(ch);
		this.octets += length;
	}

	@Override
	public void write(char[] buffer, int offset, int length) throws IOException {
		for (int i = offset; i < offset + length; i++) {
			write(buffer[i]);
		}
	}

	@Override
	public void write(String text, int offset, int length) throws IOException {
		for (int i = offset; i < offset + length; i++) {
			write(text.charAt(i));
		}
	}

}
