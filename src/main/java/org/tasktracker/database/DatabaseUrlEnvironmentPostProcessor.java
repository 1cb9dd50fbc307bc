package org.tasktracker.database;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.StringUtils;

/**
 * Turns {@code DATABASE_URL} ({@code postgresql://user:pass@host:port/db}, the form the
 * original Compose file used) into the standard {@code spring.datasource.*} settings.
 * Settings given explicitly as {@code spring.datasource.*} win over it.
 */
class DatabaseUrlEnvironmentPostProcessor implements EnvironmentPostProcessor {

	static final String DATABASE_URL = "DATABASE_URL";

	private static final String SOURCE_NAME = "tasktrackerDatabaseUrl";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		String url = environment.getProperty(DATABASE_URL);
		if (!StringUtils.hasText(url)) {
			return;
		}
		environment.getPropertySources().addLast(new MapPropertySource(SOURCE_NAME, toDataSourceProperties(url)));
	}

	/**
	 * Converts a libpq-style URL into Spring datasource properties.
	 * @param url {@code postgresql://} or {@code postgres://} URL, optionally with
	 * credentials and query parameters (passed on to the JDBC driver)
	 * @return the {@code spring.datasource.*} properties it stands for
	 * @throws IllegalArgumentException if the URL is not of that form; the message never
	 * repeats the password
	 */
	static Map<String, Object> toDataSourceProperties(String url) {
		URI uri;
		try {
			uri = new URI(url.trim());
		}
		catch (URISyntaxException ex) {
			throw new IllegalArgumentException(
					"DATABASE_URL is not a valid URL (expected postgresql://user:pass@host:port/db)");
		}
		String scheme = uri.getScheme();
		if (!"postgresql".equals(scheme) && !"postgres".equals(scheme)) {
			throw new IllegalArgumentException("DATABASE_URL must start with postgresql:// (or postgres://)");
		}
		if (!StringUtils.hasText(uri.getHost())) {
			throw new IllegalArgumentException(
					"DATABASE_URL has no host (expected postgresql://user:pass@host:port/db)");
		}
		StringBuilder jdbcUrl = new StringBuilder("jdbc:postgresql://").append(uri.getHost());
		if (uri.getPort() != -1) {
			jdbcUrl.append(':').append(uri.getPort());
		}
		String path = uri.getRawPath();
		jdbcUrl.append(StringUtils.hasLength(path) ? path : "/");
		if (uri.getRawQuery() != null) {
			jdbcUrl.append('?').append(uri.getRawQuery());
		}
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("spring.datasource.url", jdbcUrl.toString());
		String userInfo = uri.getRawUserInfo();
		if (userInfo != null) {
			int colon = userInfo.indexOf(':');
			String user = (colon >= 0) ? userInfo.substring(0, colon) : userInfo;
			properties.put("spring.datasource.username", decode(user));
			if (colon >= 0) {
				properties.put("spring.datasource.password", decode(userInfo.substring(colon + 1)));
			}
		}
		return properties;
	}

	private static String decode(String value) {
		return URLDecoder.decode(value.replace("+", "%2B"), StandardCharsets.UTF_8);
	}

}
