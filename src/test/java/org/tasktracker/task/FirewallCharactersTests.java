package org.tasktracker.task;

import java.util.SplittableRandom;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The firewall's checks of header names, parameter names and header values answer as
 * Spring Security's default regular expressions do, for every code point and for random
 * text with lone surrogates, tabs and control characters.
 */
class FirewallCharactersTests {

	/** Spring Security's {@code StrictHttpFirewall} defaults, copied. */
	private static final Pattern NAMES = Pattern.compile("[\\p{IsAssigned}&&[^\\p{IsControl}]]*");

	private static final Pattern VALUES = Pattern.compile("[\\p{IsAssigned}&&[[^\\p{IsControl}]||\\t]]*");

	@Test
	void everyCodePointAloneAndAfterTextIsJudgedAsByTheExpressions() {
		for (int codePoint = 0; codePoint <= Character.MAX_CODE_POINT; codePoint++) {
			String alone = Character.toString(codePoint);
			String inText = "Bearer x" + alone + "y";
			assertThat(LabelPaths.assignedAndNotControl(alone)).as("U+%04X", codePoint)
				.isEqualTo(NAMES.matcher(alone).matches());
			assertThat(LabelPaths.assignedAndNotControlButTab(inText)).as("U+%04X", codePoint)
				.isEqualTo(VALUES.matcher(inText).matches());
		}
	}

	@Test
	void randomTextIsJudgedAsByTheExpressions() {
		SplittableRandom random = new SplittableRandom(37);
		char[] sample = { 'a', ' ', '\t', '\n', '\u0000', '\u007f', '\u0085', '\ud800', '\udc00', '\ud83d', '\ude00',
				'\u0378', '\u2028', '\ufffe', 'é' };
		int allowed = 0;
		for (int i = 0; i < 200_000; i++) {
			StringBuilder text = new StringBuilder();
			int length = random.nextInt(6);
			for (int j = 0; j < length; j++) {
				text.append(sample[random.nextInt(sample.length)]);
			}
			String value = text.toString();
			boolean name = LabelPaths.assignedAndNotControl(value);
			assertThat(name).as(value).isEqualTo(NAMES.matcher(value).matches());
			assertThat(LabelPaths.assignedAndNotControlButTab(value)).as(value)
				.isEqualTo(VALUES.matcher(value).matches());
			allowed += name ? 1 : 0;
		}
		assertThat(allowed).isBetween(1, 199_999);
	}

}
