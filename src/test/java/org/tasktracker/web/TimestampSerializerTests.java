package org.tasktracker.web;

import java.time.Instant;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class TimestampSerializerTests {

	/** Writes a bare {@link Instant} through the serializer, as a task's fields are. */
	private final JsonMapper instants = JsonMapper.builder().addModule(TimestampSerializer.module()).build();

	@ParameterizedTest
	@CsvSource(textBlock = """
			2026-11-26T15:04:05.123456Z,     2026-11-26T15:04:05.123456Z
			2026-11-26T15:04:05.123456789Z,  2026-11-26T15:04:05.123456Z
			2026-11-26T15:04:05Z,            2026-11-26T15:04:05.000000Z
			1970-01-01T00:00:00Z,            1970-01-01T00:00:00.000000Z
			1969-12-31T23:59:59.999999Z,     1969-12-31T23:59:59.999999Z
			2024-02-29T23:59:59.000001Z,     2024-02-29T23:59:59.000001Z
			0001-01-01T00:00:00Z,            0001-01-01T00:00:00.000000Z
			9999-12-31T23:59:59.999999Z,     9999-12-31T23:59:59.999999Z
			+10000-01-01T00:00:00Z,          +10000-01-01T00:00:00.000000Z
			+10000-01-01T00:00:00.5Z,        +10000-01-01T00:00:00.500000Z
			""")
	void writesUtcWithMicrosecondsAndZ(Instant value, String expected) {
		assertThat(written(value)).isEqualTo(expected);
	}

	@Test
	void writesWhatTheContractsFormatterWrites() {
		SplittableRandom random = new SplittableRandom(20261126);
		long first = Instant.parse("0001-01-01T00:00:00Z").getEpochSecond();
		long last = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();
		for (int i = 0; i < 100_000; i++) {
			Instant value = Instant.ofEpochSecond(random.nextLong(first, last + 1), random.nextInt(1_000_000_000));
			assertThat(written(value)).isEqualTo(TimestampSerializer.FORMAT.format(value));
		}
	}

	private String written(Instant value) {
		return this.instants.valueToTree(value).stringValue();
	}

}
