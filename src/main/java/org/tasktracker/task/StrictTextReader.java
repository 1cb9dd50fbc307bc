package org.tasktracker.task;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * Text decoded from bytes as they stream in, refusing bytes the charset cannot decode,
 * where {@link java.io.InputStreamReader} puts U+FFFD in their place and the text would
 * be imported altered. The text before such bytes is read first and the next read throws
 * a {@link CharacterCodingException}, so that whoever reads the text knows where it
 * broke.
 */
final class StrictTextReader extends Reader {

	private final InputStream in;

	private final CharsetDecoder decoder;

	/** Bytes read and not yet decoded, ready to be read from. */
	private final ByteBuffer bytes = ByteBuffer.allocate(8192).flip();

	private boolean endOfInput;

	private boolean flushed;

	/** What the decoder refused, reported once the text before it has been read. */
	private @Nullable CoderResult refused;

	StrictTextReader(InputStream in, Charset charset) {
		this.in = in;
		this.decoder = charset.newDecoder()
			.onMalformedInput(CodingErrorAction.REPORT)
			.onUnmappableCharacter(CodingErrorAction.REPORT);
	}

	@Override
	public int read(char[] buffer, int offset, int length) throws IOException {
		Objects.checkFromIndexSize(offset, length, buffer.length);
		if (length == 0) {
			return 0;
		}
		CharBuffer out = CharBuffer.wrap(buffer, offset, length);
		while (true) {
			if (this.refused != null) {
				if (out.position() > offset) {
					return out.position() - offset;
				}
				this.refused.throwException();
			}
			// A reader asked again after the end (the CSV parser is, when the last line
			// has no line break) gets the end again: the decoder is done.
			if (this.flushed) {
				return -1;
			}
			CoderResult result = this.decoder.decode(this.bytes, out, this.endOfInput);
			if (result.isError()) {
				this.refused = result;
				continue;
			}
			// Whatever is decoded goes out at once: waiting for more bytes could block on
			// a slow client while the text already read waits.
			if (result.isOverflow() || out.position() > offset) {
				return out.position() - offset;
			}
			if (this.endOfInput) {
				if (!this.flushed) {
					this.flushed = true;
					this.decoder.flush(out);
					if (out.position() > offset) {
						return out.position() - offset;
					}
				}
				return -1;
			}
			fill();
		}
	}

	private void fill() throws IOException {
		this.bytes.compact();
		int read = this.in.read(this.bytes.array(), this.bytes.position(), this.bytes.remaining());
		if (read < 0) {
			this.endOfInput = true;
		}
		else {
			this.bytes.position(this.bytes.position() + read);
		}
		this.bytes.flip();
	}

	@Override
	public void close() throws IOException {
		this.in.close();
	}

}
