package org.tasktracker.account;

import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.web.ErrorResponseException;

/**
 * The service's password encoder: Argon2id for new hashes (every one of a password's up
 * to 256 code points counts; bcrypt reads only 72 bytes), bcrypt hashes of earlier
 * versions still checked and upgraded at the next sign-in, and every hash computed on a
 * few platform threads of its own.
 * <p>
 * Why threads of its own: requests run on virtual threads, which the JDK schedules on one
 * carrier thread per core and never preempts. A hash is tens of milliseconds of pure CPU,
 * so a flood of password checks would hold every carrier and stall every other request,
 * token requests included. Here at most half the cores hash at once, the operating system
 * shares the cores fairly between hashing and serving, and the waiting request parks its
 * virtual thread. Checks beyond the queue are refused at once ({@link Busy}): a flood
 * cannot queue up unbounded work.
 */
final class PasswordHashing implements PasswordEncoder, DisposableBean {

	static final String ARGON2_ID = "argon2@SpringSecurity_v5_8";

	private static final int SALT_BYTES = 16;

	private static final int HASH_BYTES = 32;

	private final PasswordEncoder encoder;

	private final ThreadPoolExecutor hashers;

	/**
	 * New hashes of the given cost; salt and hash lengths are Spring Security's defaults.
	 */
	PasswordHashing(PasswordHashProperties cost, int threads, int queue) {
		this(new DelegatingPasswordEncoder(ARGON2_ID,
				Map.of(ARGON2_ID,
						new Argon2PasswordEncoder(SALT_BYTES, HASH_BYTES, 1, cost.memoryKibibytes(), cost.iterations()),
						"bcrypt", new BCryptPasswordEncoder())),
				threads, queue);
	}

	PasswordHashing(PasswordEncoder encoder, int threads, int queue) {
		this.encoder = encoder;
		this.hashers = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(queue),
				new CustomizableThreadFactory("password-hash-"));
	}

	/** Half the cores, at least one, each hash of the given cost. */
	static PasswordHashing forThisMachine(PasswordHashProperties cost) {
		return forThisMachine(cost, Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory());
	}

	/**
	 * As {@link #forThisMachine(PasswordHashProperties)}, for a machine of the given
	 * cores and heap.
	 * @throws IllegalStateException if the hashes at once would fill more than half the
	 * heap: the service would fail its sign-ins with OutOfMemoryError, so it does not
	 * start
	 */
	static PasswordHashing forThisMachine(PasswordHashProperties cost, int cores, long maxHeapBytes) {
		int threads = Math.max(1, cores / 2);
		long atOnce = threads * cost.memory().toBytes();
		if (atOnce > maxHeapBytes / 2) {
			throw new IllegalStateException(("PASSWORD_HASH_MEMORY is %dMB and %d hashes run at once, more than half "
					+ "the heap of %dMB: lower it, or raise the heap (-Xmx)")
				.formatted(cost.memory().toMegabytes(), threads, maxHeapBytes / (1024 * 1024)));
		}
		return new PasswordHashing(cost, threads, 16 * threads);
	}

	@Override
	public @Nullable String encode(@Nullable CharSequence rawPassword) {
		return run(() -> this.encoder.encode(rawPassword));
	}

	@Override
	public boolean matches(@Nullable CharSequence rawPassword, @Nullable String encodedPassword) {
		return run(() -> {
			try {
				return this.encoder.matches(rawPassword, encodedPassword);
			}
			catch (IllegalArgumentException ex) {
				// bcrypt refuses a password over 72 bytes: no such password can match a
				// bcrypt hash, since none could have been set. Also a malformed hash.
				return false;
			}
		});
	}

	@Override
	public boolean upgradeEncoding(@Nullable String encodedPassword) {
		return this.encoder.upgradeEncoding(encodedPassword);
	}

	/** How many hashes wait for a thread now. */
	int waiting() {
		return this.hashers.getQueue().size();
	}

	private <T> T run(Callable<T> hash) {
		Future<T> result;
		try {
			result = this.hashers.submit(hash);
		}
		catch (RejectedExecutionException ex) {
			throw new Busy();
		}
		try {
			return result.get();
		}
		catch (ExecutionException ex) {
			if (ex.getCause() instanceof RuntimeException runtime) {
				throw runtime;
			}
			throw new IllegalStateException("A password hash failed", ex.getCause());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			result.cancel(true);
			throw new Busy();
		}
	}

	@Override
	public void destroy() {
		this.hashers.shutdownNow();
	}

	/**
	 * More password checks at once than the service hashes and queues: a 503 with
	 * {@code Retry-After}, before anything was checked.
	 */
	static final class Busy extends AuthenticationException {

		static final long RETRY_AFTER_SECONDS = 1;

		Busy() {
			super("Too many password checks at once");
		}

		String detail() {
			return "Too many password checks at once; retry after " + RETRY_AFTER_SECONDS + " s";
		}

		ErrorResponseException toErrorResponse() {
			ErrorResponseException refusal = new ErrorResponseException(HttpStatus.SERVICE_UNAVAILABLE, this);
			refusal.getBody().setDetail(detail());
			refusal.getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(RETRY_AFTER_SECONDS));
			return refusal;
		}

	}

}
