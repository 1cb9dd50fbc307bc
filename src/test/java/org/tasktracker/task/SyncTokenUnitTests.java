package org.tasktracker.task;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tasktracker.web.FieldError;
import org.tasktracker.web.InvalidRequestException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A sync token is taken only in the exact spelling the service gives: base64url without
 * padding whose spare bits are zero, so an altered token is never taken for the one it
 * was made from.
 */
class SyncTokenUnitTests {

	private static final byte[] KEY = "the key of these tests".getBytes(StandardCharsets.UTF_8);

	private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

	private static final long OWNER = 7;

	/** Three payload lengths in a row: each remainder of three, spare bits or none. */
	@ParameterizedTest
	@ValueSource(longs = { 1, 12, 123 })
	void decodesTheTokenItEncodes(long after) {
		SyncToken token = new SyncToken(OWNER, "100:105:101,103", 1_700_000_000_000L, "100:106:", 1_700_000_000_500L, 1,
				after);

		assertThat(SyncToken.decode(token.encode(KEY), OWNER, KEY)).isEqualTo(token);
	}

	@ParameterizedTest
	@ValueSource(longs = { 1, 12, 123 })
	void refusesATokenAlteredInTheSpareBitsOfALastCharacterOrPaddedNamingSince(long after) {
		String token = new SyncToken(OWNER, "100:105:101,103", 1_700_000_000_000L, null, 0, 0, after).encode(KEY);
		int dot = token.indexOf('.');
		String payload = token.substring(0, dot);
		String mac = token.substring(dot + 1);
		List<String> altered = new ArrayList<>();
		// The MAC's 16 bytes leave 4 spare bits in its last character.
		altered.add(payload + "." + flipLowestBit(mac));
		altered.add(token + "==");
		altered.add(token + "=");
		altered.add(payload + "==." + mac);
		if (payload.length() % 4 != 0) {
			altered.add(flipLowestBit(payload) + "." + mac);
			altered.add(payload + "=".repeat(4 - payload.length() % 4) + "." + mac);
		}

		for (String refused : altered) {
			assertThatExceptionOfType(InvalidRequestException.class).as(refused)
				.isThrownBy(() -> SyncToken.decode(refused, OWNER, KEY))
				.satisfies((ex) -> assertThat(ex.getErrors()).extracting(FieldError::field).containsExactly("since"));
		}
	}

	/** The text with its last character's lowest bit, a spare one, flipped. */
	private static String flipLowestBit(String base64) {
		char last = base64.charAt(base64.length() - 1);
		return base64.substring(0, base64.length() - 1) + ALPHABET.charAt(ALPHABET.indexOf(last) ^ 1);
	}

}
