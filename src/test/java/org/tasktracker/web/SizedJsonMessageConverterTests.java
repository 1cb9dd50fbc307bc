package org.tasktracker.web;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.ResolvableType;
import org.springframework.http.MediaType;
import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;
import org.springframework.mock.http.MockHttpOutputMessage;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A JSON body up to the held limit is written whole with its length; a larger one goes
 * out as it is written, without one, exactly as Spring's converter writes it.
 */
class SizedJsonMessageConverterTests {

	private final JsonMapper mapper = JsonMapper.builder().build();

	@Test
	void writesASmallBodyWholeWithItsLength() throws Exception {
		Map<String, Object> task = Map.of("id", 7, "title", "Grüße");

		MockHttpOutputMessage sized = write(new SizedJsonMessageConverter(this.mapper), task);

		byte[] body = sized.getBodyAsBytes();
		assertThat(new String(body, StandardCharsets.UTF_8)).isEqualTo(this.mapper.writeValueAsString(task));
		assertThat(sized.getHeaders().getContentLength()).isEqualTo(body.length);
		assertThat(sized.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_JSON);
	}

	@Test
	void writesABodyOfExactlyTheLimitWhole() throws Exception {
		// Two quotes around the text: the body is the limit to the byte.
		String text = "x".repeat(SizedJsonMessageConverter.HELD_LIMIT - 2);

		MockHttpOutputMessage sized = write(new SizedJsonMessageConverter(this.mapper), text);

		assertThat(sized.getBodyAsBytes()).hasSize(SizedJsonMessageConverter.HELD_LIMIT);
		assertThat(sized.getHeaders().getContentLength()).isEqualTo(SizedJsonMessageConverter.HELD_LIMIT);
	}

	@Test
	void passesOnALargerBodyAsSpringsConverterWritesIt() throws Exception {
		List<String> items = List.of("a".repeat(40_000), "b".repeat(40_000), "c");

		MockHttpOutputMessage sized = write(new SizedJsonMessageConverter(this.mapper), items);
		MockHttpOutputMessage plain = write(new JacksonJsonHttpMessageConverter(this.mapper), items);

		assertThat(sized.getBodyAsBytes()).hasSizeGreaterThan(SizedJsonMessageConverter.HELD_LIMIT)
			.isEqualTo(plain.getBodyAsBytes());
		assertThat(sized.getHeaders().getContentLength()).as("no length: it was not known when sending began")
			.isEqualTo(-1);
	}

	private static MockHttpOutputMessage write(JacksonJsonHttpMessageConverter converter, Object value)
			throws Exception {
		MockHttpOutputMessage message = new MockHttpOutputMessage();
		converter.write(value, ResolvableType.forInstance(value), MediaType.APPLICATION_JSON, message, null);
		return message;
	}

}
