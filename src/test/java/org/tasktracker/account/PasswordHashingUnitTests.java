package org.tasktracker.account;

import java.io.IOException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The service's password encoder: Argon2id over every character, bcrypt hashes of earlier
 * versions still read, and hashing kept on threads of its own, in bounded numbers.
 */
class PasswordHashingUnitTests {

	private final PasswordHashing hashing = new PasswordHashing(new PasswordHashProperties(DataSize.ofMegabytes(16), 2),
			1, 2);

	@AfterEach
	void stop() {
		this.hashing.destroy();
	}

	@Test
	void hashesWithArgon2idAndCountsEveryCharacterOfALongPassword() {
		String longest = "\uD83D\uDE00".repeat(255) + "a";
		String hash = this.hashing.encode(longest);

		assertThat(hash).startsWith("{" + PasswordHashing.ARGON2_ID + "}$argon2id$");
		assertThat(this.hashing.matches(longest, hash)).isTrue();
		assertThat(this.hashing.matches("\uD83D\uDE00".repeat(255) + "b", hash)).as("only the last one differs")
			.isFalse();
		assertThat(this.hashing.upgradeEncoding(hash)).isFalse();
	}

	@Test
	void readsAnEarlierBcryptHashAndAsksForItsUpgrade() {
		String bcrypt = "{bcrypt}" + new BCryptPasswordEncoder().encode("correct horse battery");

		assertThat(this.hashing.matches("correct horse battery", bcrypt)).isTrue();
		assertThat(this.hashing.matches("x".repeat(100), bcrypt)).as("over bcrypt's 72 bytes: no match, no failure")
			.isFalse();
		assertThat(this.hashing.upgradeEncoding(bcrypt)).isTrue();
	}

	@Test
	void theServiceHashesAtSpringSecuritysCostUnlessConfiguredOtherwise() throws IOException {
		StandardEnvironment environment = new StandardEnvironment();
		new YamlPropertySourceLoader().load("application.yml", new ClassPathResource("application.yml"))
			.forEach(environment.getPropertySources()::addLast);
		PasswordHashProperties cost = Binder.get(environment)
			.bindOrCreate("tasktracker.auth.password-hash", PasswordHashProperties.class);
		PasswordHashing service = PasswordHashing.forThisMachine(cost);
		try {
			assertThat(service.encode("correct horse battery")).contains("$m=16384,t=2,p=1$");
			assertThat(Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8().encode("correct horse battery"))
				.as("Spring Security's own defaults")
				.contains("$m=16384,t=2,p=1$");
		}
		finally {
			service.destroy();
		}
	}

	@Test
	void hashesAtTheConfiguredCostAndRemakesOnlyCheaperHashes() {
		PasswordHashing cheap = PasswordHashing.forThisMachine(new PasswordHashProperties(DataSize.ofMegabytes(1), 1));
		PasswordHashing dear = PasswordHashing.forThisMachine(new PasswordHashProperties(DataSize.ofMegabytes(2), 3));
		try {
			String cheapHash = cheap.encode("correct horse battery");
			String dearHash = dear.encode("correct horse battery");

			assertThat(cheapHash).contains("$m=1024,t=1,p=1$");
			assertThat(dearHash).contains("$m=2048,t=3,p=1$");
			assertThat(dear.matches("correct horse battery", cheapHash)).as("a hash is read at its own cost").isTrue();
			assertThat(cheap.matches("correct horse battery", dearHash)).isTrue();
			assertThat(cheap.matches("correct horse battery!", dearHash)).isFalse();
			assertThat(dear.upgradeEncoding(cheapHash)).as("cheaper than the setting: made again").isTrue();
			assertThat(cheap.upgradeEncoding(dearHash)).as("dearer than the setting: kept").isFalse();
		}
		finally {
			cheap.destroy();
			dear.destroy();
		}
	}

	@Test
	void refusesACostOutsideItsBoundsNamingTheSetting() {
		assertThatIllegalArgumentException().isThrownBy(() -> new PasswordHashProperties(DataSize.ofKilobytes(1023), 2))
			.withMessage("PASSWORD_HASH_MEMORY must be between 1MB and 64MB");
		assertThatIllegalArgumentException().isThrownBy(() -> new PasswordHashProperties(DataSize.ofMegabytes(65), 2))
			.withMessage("PASSWORD_HASH_MEMORY must be between 1MB and 64MB");
		assertThatIllegalArgumentException().isThrownBy(() -> new PasswordHashProperties(DataSize.ofMegabytes(16), 0))
			.withMessage("PASSWORD_HASH_ITERATIONS must be between 1 and 10");
		assertThatIllegalArgumentException().isThrownBy(() -> new PasswordHashProperties(DataSize.ofMegabytes(16), 11))
			.withMessage("PASSWORD_HASH_ITERATIONS must be between 1 and 10");
		assertThat(new PasswordHashProperties(DataSize.ofMegabytes(64), 10).memoryKibibytes()).isEqualTo(65536);
	}

	@Test
	void refusesToStartWhenTheHashesAtOnceWouldFillMoreThanHalfTheHeap() {
		PasswordHashProperties cost = new PasswordHashProperties(DataSize.ofMegabytes(64), 2);
		long heap = DataSize.ofMegabytes(128).toBytes();

		assertThatIllegalStateException().isThrownBy(() -> PasswordHashing.forThisMachine(cost, 4, heap))
			.withMessage("PASSWORD_HASH_MEMORY is 64MB and 2 hashes run at once, more than half the heap of 128MB: "
					+ "lower it, or raise the heap (-Xmx)");
		PasswordHashing fits = PasswordHashing.forThisMachine(cost, 2, heap);
		fits.destroy();
	}

	@Test
	void hashesOnItsOwnThreadsNotTheRequests() {
		AtomicReference<String> hashedOn = new AtomicReference<>();
		PasswordHashing watched = new PasswordHashing(recording(hashedOn, null), 1, 1);
		try {
			watched.encode("whatever it is");
		}
		finally {
			watched.destroy();
		}

		assertThat(hashedOn.get()).startsWith("password-hash-").isNotEqualTo(Thread.currentThread().getName());
	}

	@Test
	void refusesAtOnceWhatItCanNeitherHashNorQueue() throws Exception {
		CountDownLatch release = new CountDownLatch(1);
		PasswordHashing busy = new PasswordHashing(recording(new AtomicReference<>(), release), 1, 1);
		try {
			Thread first = Thread.ofVirtual().start(() -> busy.encode("one"));
			Thread second = Thread.ofVirtual().start(() -> busy.encode("two"));
			org.awaitility.Awaitility.await().until(() -> busy.waiting() == 1);

			assertThatExceptionOfType(PasswordHashing.Busy.class).isThrownBy(() -> busy.encode("three"))
				.satisfies((ex) -> assertThat(ex.toErrorResponse().getStatusCode().value()).isEqualTo(503));

			release.countDown();
			first.join();
			second.join();
		}
		finally {
			busy.destroy();
		}
	}

	/** An encoder that notes the thread it runs on, and waits for {@code release}. */
	private static PasswordEncoder recording(AtomicReference<String> thread, CountDownLatch release) {
		return new PasswordEncoder() {

			@Override
			public String encode(CharSequence rawPassword) {
				thread.set(Thread.currentThread().getName());
				if (release != null) {
					try {
						release.await();
					}
					catch (InterruptedException ex) {
						Thread.currentThread().interrupt();
					}
				}
				return "hash";
			}

			@Override
			public boolean matches(CharSequence rawPassword, String encodedPassword) {
				return false;
			}

		};
	}

}
