package org.tasktracker.ops;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.SpringApplication;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code LOG_FORMAT} to Spring Boot's structured logging format.
 */
class LogFormatEnvironmentPostProcessorTests {

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			json     | ecs
			JSON     | ecs
			text     | ''
			logstash | logstash
			ecs      | ecs
			""")
	void mapsLogFormatToAStructuredFormat(String logFormat, String expected) {
		MockEnvironment environment = new MockEnvironment().withProperty("LOG_FORMAT", logFormat);
		new LogFormatEnvironmentPostProcessor().postProcessEnvironment(environment, new SpringApplication());
		assertThat(environment.getProperty("logging.structured.format.console")).isEqualTo(expected);
	}

}
