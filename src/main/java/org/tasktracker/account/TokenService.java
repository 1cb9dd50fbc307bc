package org.tasktracker.account;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import org.tasktracker.database.DatabaseRetry;

import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionOperations;

/**
 * Issues, lists, revokes and checks personal API tokens. A token is {@code tt_} and 40
 * random base62 characters (238 bits); only its SHA-256 hash is stored, and a fast hash
 * is enough for a secret that random. Checks are answered from a cache of hash to grant.
 * Every instance hears each revocation and deleted user at once ({@link AccountChanges}),
 * so while it listens a live grant is kept for {@link #HEARD_CACHE_TIME}; while it does
 * not, for {@link #CACHE_TIME}, which bounds how late a revocation made elsewhere is
 * honoured. A token found invalid stays so (its secret was never issued, or it expired or
 * was revoked), so that answer is kept for ten minutes; and an address that sends more
 * than {@value #FAILED_CHECKS_LIMIT} unknown tokens a minute (counted across instances
 * with {@link SharedLimits}) gets no more database reads for tokens the cache does not
 * know until the minute is over: a flood of random tokens costs the database almost
 * nothing.
 */
@Service
class TokenService {

	static final String PREFIX = "tt_";

	private static final int SECRET_LENGTH = 40;

	private static final char[] BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();

	/** What a token can look like; anything else is refused without a database read. */
	private static final Pattern FORMAT = Pattern.compile("tt_[0-9A-Za-z]{32,200}");

	static final Duration CACHE_TIME = Duration.ofSeconds(1);

	static final Duration HEARD_CACHE_TIME = Duration.ofMinutes(1);

	static final Duration INVALID_CACHE_TIME = Duration.ofMinutes(10);

	static final int FAILED_CHECKS_LIMIT = 100;

	private final TokenRepository tokens;

	private final DatabaseRetry retry;

	private final SecureRandom random = new SecureRandom();

	private final Cache<String, Optional<TokenRepository.Grant>> grants = Caffeine.newBuilder()
		.expireAfter(Expiry.<String, Optional<TokenRepository.Grant>>writing((hash, grant) -> grant.isEmpty()
				? INVALID_CACHE_TIME : this.hearingChanges.getAsBoolean() ? HEARD_CACHE_TIME : CACHE_TIME))
		.maximumSize(100_000)
		.build();

	/**
	 * Moves on each time grants are forgotten: a grant read before that may be stale, so
	 * it is not cached.
	 */
	private final AtomicLong forgotten = new AtomicLong();

	private volatile BooleanSupplier hearingChanges = () -> false;

	/** Unknown tokens per client address, the ones that cost a database read. */
	private final AttemptWindows failedChecks;

	private final AccountChanges changes;

	private final TransactionOperations transactions;

	TokenService(TokenRepository tokens, DatabaseRetry retry, TransactionOperations transactions,
			AccountChanges changes, SharedLimits shared) {
		this.tokens = tokens;
		this.retry = retry;
		this.transactions = transactions;
		this.changes = changes;
		this.failedChecks = new AttemptWindows(FAILED_CHECKS_LIMIT, Duration.ofMinutes(1), shared.ifEnabled(), "token");
	}

	/** Whether every change made elsewhere reaches {@link #forgetToken} now. */
	void hearingChangesWhile(BooleanSupplier listening) {
		this.hearingChanges = listening;
	}

	IssuedToken issue(Account owner, NewToken request) {
		String secret = newSecret();
		ApiToken token = this.retry.onceOnly(() -> this.tokens.create(owner.id(), request, hash(secret)));
		return new IssuedToken(token, secret);
	}

	List<ApiToken> list(Account owner) {
		return this.retry.idempotent(() -> this.tokens.findAll(owner.id()));
	}

	/**
	 * @return whether the owner had that token; from now on it is refused
	 */
	boolean revoke(Account owner, long id) {
		boolean deleted = this.retry.onceOnly(() -> this.transactions.execute((status) -> {
			boolean gone = this.tokens.delete(owner.id(), id);
			if (gone) {
				this.changes.tokenRevoked(id);
			}
			return gone;
		}));
		forgetToken(id);
		return deleted;
	}

	void forgetToken(long tokenId) {
		forget((grant) -> grant.tokenId() == tokenId);
	}

	/** Forgets every cached grant of a changed or deleted user. */
	void forgetUser(long userId) {
		forget((grant) -> grant.account().id() == userId);
	}

	void forgetAll() {
		this.forgotten.incrementAndGet();
		this.grants.invalidateAll();
	}

	/**
	 * The grant of a live token, or empty for an unknown, expired, revoked or malformed
	 * one: the caller cannot tell which.
	 * @param address the client's address, which pays for unknown tokens
	 * @throws TooManyAttemptsException when the address sent too many unknown tokens and
	 * this one is not known here
	 */
	Optional<TokenRepository.Grant> check(String token, String address) {
		if (!FORMAT.matcher(token).matches()) {
			return Optional.empty();
		}
		String key = HexFormat.of().formatHex(hash(token));
		Optional<TokenRepository.Grant> grant = this.grants.getIfPresent(key);
		if (grant == null) {
			long before = this.forgotten.get();
			// The shared count and the token are read from one database, under one retry
			// budget: when it cannot be reached, the check ends after one wait for it,
			// not two.
			grant = this.retry.idempotent(() -> {
				long wait = this.failedChecks.waitSeconds(address);
				if (wait > 0) {
					throw TooManyAttemptsException.tokens(wait);
				}
				return this.tokens.findLive(HexFormat.of().parseHex(key));
			});
			if (this.forgotten.get() == before) {
				this.grants.put(key, grant);
			}
			if (grant.isEmpty()) {
				this.failedChecks.count(address);
			}
		}
		return grant.filter((live) -> live.expiresAt().isAfter(Instant.now()));
	}

	private void forget(Predicate<TokenRepository.Grant> which) {
		this.forgotten.incrementAndGet();
		this.grants.asMap().values().removeIf((grant) -> grant.isPresent() && which.test(grant.get()));
	}

	private String newSecret() {
		StringBuilder secret = new StringBuilder(PREFIX.length() + SECRET_LENGTH).append(PREFIX);
		for (int i = 0; i < SECRET_LENGTH; i++) {
			secret.append(BASE62[this.random.nextInt(BASE62.length)]);
		}
		return secret.toString();
	}

	static byte[] hash(String token) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is part of every JDK", ex);
		}
	}

}
