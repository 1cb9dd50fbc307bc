package org.tasktracker.idempotency;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long {@code Idempotency-Key}s are remembered.
 *
 * @param retention how long a key and its response are kept
 * @param cleanupInterval how often expired keys are deleted
 */
@ConfigurationProperties("tasktracker.idempotency")
public record IdempotencyProperties(@DefaultValue("24h") Duration retention,
		@DefaultValue("10m") Duration cleanupInterval) {
}
