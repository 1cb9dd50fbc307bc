package org.tasktracker.task;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@link StrictTextReader}: every character decoded, however the bytes arrive, and the
 * text before bytes that are not text read before the refusal.
 */
class StrictTextReaderUnitTests {

	@Test
	void decodesCharactersSplitAcrossReadsAndBuffers() throws IOException {
		String text = "a\u00e9\u20ac\uD83D\uDE00,".repeat(5_000);

		try (Reader reader = new StrictTextReader(trickling(text.getBytes(StandardCharsets.UTF_8)),
				StandardCharsets.UTF_8)) {
			assertThat(readAll(reader)).isEqualTo(text);
		}
	}

	@Test
	void readsTheTextBeforeBytesThatAreNotUtf8ThenRefuses() throws IOException {
		byte[] bytes = { 'o', 'k', '\n', 'b', (byte) 0xFF, 'x' };
		char[] buffer = new char[100];

		try (Reader reader = new StrictTextReader(new ByteArrayInputStream(bytes), StandardCharsets.UTF_8)) {
			int read = reader.read(buffer, 0, buffer.length);
			assertThat(new String(buffer, 0, read)).isEqualTo("ok\nb");
			assertThatExceptionOfType(MalformedInputException.class)
				.isThrownBy(() -> reader.read(buffer, 0, buffer.length));
		}
	}

	@Test
	void refusesASequenceCutShortByTheEnd() throws IOException {
		byte[] bytes = { 'o', 'k', (byte) 0xE2, (byte) 0x82 };

		try (Reader reader = new StrictTextReader(new ByteArrayInputStream(bytes), StandardCharsets.UTF_8)) {
			assertThatExceptionOfType(MalformedInputException.class).isThrownBy(() -> readAll(reader));
		}
	}

	@Test
	void aReadAfterTheEndIsTheEndAgain() throws IOException {
		char[] buffer = new char[100];

		try (Reader reader = new StrictTextReader(new ByteArrayInputStream("last".getBytes(StandardCharsets.UTF_8)),
				StandardCharsets.UTF_8)) {
			assertThat(reader.read(buffer, 0, buffer.length)).isEqualTo(4);
			assertThat(reader.read(buffer, 0, buffer.length)).isEqualTo(-1);
			assertThat(reader.read(buffer, 0, buffer.length)).isEqualTo(-1);
		}
	}

	private static String readAll(Reader reader) throws IOException {
		StringWriter text = new StringWriter();
		reader.transferTo(text);
		return text.toString();
	}

	/** The bytes one to three at a time, as a slow client sends them. */
	private static InputStream trickling(byte[] bytes) {
		return new FilterInputStream(new ByteArrayInputStream(bytes)) {

			private int next;

			@Override
			public int read(byte[] buffer, int offset, int length) throws IOException {
				this.next = (this.next % 3) + 1;
				return super.read(buffer, offset, Math.min(length, this.next));
			}

		};
	}

}
