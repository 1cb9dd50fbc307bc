package org.tasktracker.web;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@code If-Match} and {@code If-None-Match} as RFC 9110 reads them: {@code *} or a list
 * of entity tags whose empty elements are ignored (section 5.6.1.2).
 */
class EntityTagsUnitTests {

	@Test
	void ignoresEmptyListElementsWhereverTheyAre() {
		assertThat(EntityTags.parse("If-Match", "\"1\",,").tags()).containsExactly("\"1\"");
		assertThat(EntityTags.parse("If-Match", "\"1\",").tags()).containsExactly("\"1\"");
		assertThat(EntityTags.parse("If-Match", ",\"1\"").tags()).containsExactly("\"1\"");
		assertThat(EntityTags.parse("If-Match", " ,\t, \"1\" ,, W/\"2\" , ").tags()).containsExactly("\"1\"",
				"W/\"2\"");
		assertThat(EntityTags.parse("If-Match", "\"a,b\",").tags()).as("a comma inside a tag is part of it")
			.containsExactly("\"a,b\"");
	}

	@ParameterizedTest
	@ValueSource(strings = { "", " ", ",", " , ,\t" })
	void aValueWithNoTagIsTheEmptyListThatMatchesNothing(String value) {
		EntityTags tags = EntityTags.parse("If-Match", value);

		assertThat(tags).isEqualTo(new EntityTags(false, List.of()));
		assertThat(tags.matchesStrongly(1)).isFalse();
		assertThat(tags.matchesWeakly(1)).isFalse();
	}

	@ParameterizedTest
	@ValueSource(strings = { "1", "\"1", "\"1\" \"2\"", "\"1\" ,x", ", *", "*,", "W/1", "\"a b\"", "**" })
	void refusesWhatIsNotAListOfTagsNamingTheHeader(String value) {
		assertThatExceptionOfType(InvalidRequestException.class)
			.isThrownBy(() -> EntityTags.parse("If-None-Match", value))
			.satisfies(
					(ex) -> assertThat(ex.getErrors()).extracting(FieldError::field).containsExactly("If-None-Match"));
	}

}
