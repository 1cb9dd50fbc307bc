package org.tasktracker.web;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * What the HTTP edge takes from clients and how it serves them.
 *
 * @param maxRequestBody larger request bodies are refused with 413
 * @param retryAfter the {@code Retry-After} a 503 suggests while the database is away
 * @param virtualThreads whether requests are served on virtual threads rather than
 * Tomcat's pool of platform threads
 * @param maxImportBody larger bodies of {@code POST /import} are refused with 413
 */
@ConfigurationProperties("tasktracker.http")
public record WebProperties(@DefaultValue("1MB") DataSize maxRequestBody, @DefaultValue("2s") Duration retryAfter,
		@DefaultValue("true") boolean virtualThreads, @DefaultValue("20MB") DataSize maxImportBody) {
}
