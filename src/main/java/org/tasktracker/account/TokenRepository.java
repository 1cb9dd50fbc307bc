package org.tasktracker.account;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.SqlArrayValue;
import org.springframework.stereotype.Component;

/** Personal API tokens in PostgreSQL, each as a hash of its secret. */
@Component
class TokenRepository {

	private static final String COLUMNS = "id, name, scopes, created_at, expires_at, last_used_at";

	private static final RowMapper<ApiToken> TOKEN_ROW = TokenRepository::mapToken;

	private final JdbcClient jdbc;

	TokenRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	ApiToken create(long ownerId, NewToken token, byte[] secretHash) {
		return this.jdbc.sql("""
				INSERT INTO api_tokens (owner_id, name, scopes, secret_hash, expires_at)
				VALUES (:owner, :name, :scopes, :secretHash, now() + make_interval(days => :days))
				RETURNING
				""" + COLUMNS)
			.param("owner", ownerId)
			.param("name", token.name())
			.param("scopes", new SqlArrayValue("text", token.scopes().stream().map(Scope::value).toArray()))
			.param("secretHash", secretHash)
			.param("days", token.expiresInDays())
			.query(TOKEN_ROW)
			.single();
	}

	List<ApiToken> findAll(long ownerId) {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM api_tokens WHERE owner_id = :owner ORDER BY id")
			.param("owner", ownerId)
			.query(TOKEN_ROW)
			.list();
	}

	/**
	 * @return whether the owner had that token
	 */
	boolean delete(long ownerId, long id) {
		return this.jdbc.sql("DELETE FROM api_tokens WHERE owner_id = :owner AND id = :id")
			.param("owner", ownerId)
			.param("id", id)
			.update() == 1;
	}

	/**
	 * Finds the live token with that hash and its owner, and marks it used when it was
	 * last marked more than a minute ago: one round trip, and a write at most once a
	 * minute per token. A token of the local user is never live: that user's access must
	 * not leave loopback, and tokens work from anywhere.
	 */
	Optional<Grant> findLive(byte[] secretHash) {
		return this.jdbc.sql("""
				WITH found AS (
				    SELECT t.id, t.owner_id, t.scopes, t.expires_at, t.last_used_at, u.username, u.admin
				    FROM api_tokens t JOIN users u ON u.id = t.owner_id
				    WHERE t.secret_hash = :secretHash AND t.expires_at > now() AND t.owner_id <> :local
				), touched AS (
				    UPDATE api_tokens SET last_used_at = now()
				    FROM found
				    WHERE api_tokens.owner_id = found.owner_id AND api_tokens.id = found.id
				      AND (found.last_used_at IS NULL OR found.last_used_at < now() - interval '1 minute')
				)
				SELECT id, owner_id, scopes, expires_at, username, admin FROM found
				""")
			.param("secretHash", secretHash)
			.param("local", Account.LOCAL_ID)
			.query((row, rowNumber) -> new Grant(row.getLong("id"),
					new Account(row.getLong("owner_id"), row.getString("username"), row.getBoolean("admin")),
					scopes(row), row.getObject("expires_at", OffsetDateTime.class).toInstant()))
			.optional();
	}

	private static ApiToken mapToken(ResultSet row, int rowNumber) throws SQLException {
		return new ApiToken(row.getLong("id"), row.getString("name"), scopes(row),
				row.getObject("created_at", OffsetDateTime.class).toInstant(),
				row.getObject("expires_at", OffsetDateTime.class).toInstant(),
				toInstant(row.getObject("last_used_at", OffsetDateTime.class)));
	}

	private static List<String> scopes(ResultSet row) throws SQLException {
		return Arrays.asList((String[]) row.getArray("scopes").getArray());
	}

	private static @Nullable Instant toInstant(@Nullable OffsetDateTime value) {
		return (value != null) ? value.toInstant() : null;
	}

	/**
	 * What a live token lets its bearer do.
	 *
	 * @param tokenId the token's id
	 * @param account its owner
	 * @param scopes its scopes, as stored
	 * @param expiresAt when it stops working
	 */
	record Grant(long tokenId, Account account, List<String> scopes, Instant expiresAt) {
	}

}
