package org.tasktracker.account;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Argon2id's cost for new password hashes ({@code tasktracker.auth.password-hash}). A
 * hash carries the cost it was made with, so a change needs no migration: hashes made
 * cheaper than the setting are made again at their next sign-in, and dearer ones are
 * kept.
 *
 * @param memory what one hash fills; each hashing thread holds that much heap while it
 * hashes, and the service does not start if the hashes at once could fill more than half
 * its heap ({@link PasswordHashing#forThisMachine})
 * @param iterations passes over that memory
 */
@ConfigurationProperties("tasktracker.auth.password-hash")
record PasswordHashProperties(DataSize memory, int iterations) {

	static final DataSize LEAST_MEMORY = DataSize.ofMegabytes(1);

	static final DataSize MOST_MEMORY = DataSize.ofMegabytes(64);

	static final int LEAST_ITERATIONS = 1;

	static final int MOST_ITERATIONS = 10;

	PasswordHashProperties {
		if (memory.compareTo(LEAST_MEMORY) < 0 || memory.compareTo(MOST_MEMORY) > 0) {
			throw new IllegalArgumentException("PASSWORD_HASH_MEMORY must be between %dMB and %dMB"
				.formatted(LEAST_MEMORY.toMegabytes(), MOST_MEMORY.toMegabytes()));
		}
		if (iterations < LEAST_ITERATIONS || iterations > MOST_ITERATIONS) {
			throw new IllegalArgumentException(
					"PASSWORD_HASH_ITERATIONS must be between %d and %d".formatted(LEAST_ITERATIONS, MOST_ITERATIONS));
		}
	}

	/** Argon2's memory parameter, in KiB. */
	int memoryKibibytes() {
		return Math.toIntExact(this.memory.toKilobytes());
	}

}
