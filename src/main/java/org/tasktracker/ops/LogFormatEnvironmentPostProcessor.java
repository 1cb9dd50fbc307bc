package org.tasktracker.ops;

import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * {@code LOG_FORMAT=json} selects structured JSON logs (Elastic Common Schema, one object
 * per line); {@code LOG_FORMAT=text} (or nothing) the human-readable lines. Spring Boot's
 * own format names ({@code ecs}, {@code logstash}, {@code gelf}) pass through.
 */
class LogFormatEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		String format = environment.getProperty("LOG_FORMAT");
		if (format == null) {
			return;
		}
		String structured = switch (format.trim().toLowerCase(java.util.Locale.ROOT)) {
			case "json" -> "ecs";
			case "text", "" -> "";
			default -> format.trim();
		};
		environment.getPropertySources()
			.addFirst(new MapPropertySource("tasktrackerLogFormat",
					Map.of("logging.structured.format.console", structured)));
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

}
