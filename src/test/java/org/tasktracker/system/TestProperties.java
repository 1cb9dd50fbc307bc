package org.tasktracker.system;

import java.util.Map;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/**
 * {@link TaskTrackerProperties} as bound in the running service, for tests without
 * Spring.
 */
public final class TestProperties {

	private TestProperties() {
	}

	public static TaskTrackerProperties defaults() {
		return with(Map.of());
	}

	/**
	 * The settings with some of them given, as {@code tasktracker.*} properties would.
	 */
	public static TaskTrackerProperties with(Map<String, String> settings) {
		return new Binder(new MapConfigurationPropertySource(settings)).bindOrCreate("tasktracker",
				TaskTrackerProperties.class);
	}

}
