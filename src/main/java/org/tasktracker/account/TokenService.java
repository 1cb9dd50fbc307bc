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
import java.util.regex.Pattern;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import org.tasktracker.database.DatabaseRetry;

import org.springframework.stereotype.Service;

/**
 * Issues, lists, revokes and checks personal API tokens. A token is {@code tt_} and 40
 * random base62 characters (238 bits); only its SHA-256 hash is stored, and a fast hash
 * is enough for a secret that random. Checks are answered from a cache of hash to grant
 * that forgets a live grant after a second, so a token costs at most one database read a
 * second, and a revocation elsewhere is honoured within that second; one here at once. A
 * token found invalid stays so (its secret was never issued, or it expired or was
 * revoked), so that answer is kept for ten minutes; and an address that sends more than
 * {@value #FAILED_CHECKS_LIMIT} unknown tokens a minute gets no more database reads for
 * tokens the cache does not know until the minute is over: a flood of random tokens costs
 * the database almost nothing.
 */
@Service
class TokenService {

	static final String PREFIX = "tt_";

	private static final int SECRET_LENGTH = 40;

	private static final char[] BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();

	/** What a token can look like; anything else is refused without a database read. */
	private static final Pattern FORMAT = Pattern.compile("tt_[0-9A-Za-z]{32,200}");

	static final Duration CACHE_TIME = Duration.ofSeconds(1);

	static final Duration INVALID_CACHE_TIME = Duration.ofMinutes(10);

	static final int FAILED_CHECKS_LIMIT = 100;

	private final TokenRepository tokens;

	private final DatabaseRetry retry;

	private final SecureRandom random = new SecureRandom();

	private final Cache<String, Optional<TokenRepository.Grant>> grants = Caffeine.newBuilder()
		.expireAfter(Expiry.<String, Optional<TokenRepository.Grant>>writing(
				(hash, grant) -> grant.isPresent() ? CACHE_TIME : INVALID_CACHE_TIME))
		.maximumSize(100_000)
		.build();

	/** Unknown tokens per client address, the ones that cost a database read. */
	private final AttemptWindows failedChecks = new AttemptWindows(FAILED_CHECKS_LIMIT, Duration.ofMinutes(1));

	TokenService(TokenRepository tokens, DatabaseRetry retry) {
		this.tokens = tokens;
		this.retry = retry;
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
		boolean deleted = this.retry.onceOnly(() -> this.tokens.delete(owner.id(), id));
		forget((grant) -> grant.tokenId() == id);
		return deleted;
	}

	/** Forgets every cached grant of a deleted user. */
	void forgetUser(long userId) {
		forget((grant) -> grant.account().id() == userId);
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
			long wait = this.failedChecks.waitSeconds(address);
			if (wait > 0) {
				throw TooManyAttemptsException.tokens(wait);
			}
			grant = this.grants.get(key,
					(hash) -> this.retry.idempotent(() -> this.tokens.findLive(HexFormat.of().parseHex(hash))));
			if (grant.isEmpty()) {
				this.failedChecks.count(address);
			}
		}
		return grant.filter((live) -> live.expiresAt().isAfter(Instant.now()));
	}

	private void forget(java.util.function.Predicate<TokenRepository.Grant> which) {
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
