package org.tasktracker.account;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Users in PostgreSQL. Users are not owned by anyone; every other table names its owner
 * here.
 */
@Component
class UserRepository {

	private static final String COLUMNS = "id, username, display_name, admin, timezone, created_at";

	private static final RowMapper<User> USER_ROW = UserRepository::mapUser;

	private final JdbcClient jdbc;

	UserRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * @return the new user, or empty when the username is taken
	 */
	Optional<User> create(NewUser user, String passwordHash) {
		return this.jdbc.sql("""
				INSERT INTO users (username, password_hash, display_name, timezone, admin)
				VALUES (:username, :passwordHash, :displayName, :timezone, :admin)
				ON CONFLICT (username) DO NOTHING
				RETURNING
				""" + COLUMNS)
			.param("username", user.username())
			.param("passwordHash", passwordHash)
			.param("displayName", user.displayName())
			.param("timezone", user.timezone())
			.param("admin", user.admin())
			.query(USER_ROW)
			.optional();
	}

	Optional<User> findById(long id) {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM users WHERE id = :id")
			.param("id", id)
			.query(USER_ROW)
			.optional();
	}

	boolean existsByUsername(String username) {
		return this.jdbc.sql("SELECT EXISTS (SELECT FROM users WHERE username = :username)")
			.param("username", username)
			.query(Boolean.class)
			.single();
	}

	List<User> findAll() {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM users ORDER BY id").query(USER_ROW).list();
	}

	/**
	 * What a password check needs: the user and the stored hash. Users without a password
	 * (the local user) are not found.
	 */
	Optional<Credentials> findCredentials(String username) {
		return this.jdbc
			.sql("SELECT " + COLUMNS + ", password_hash FROM users "
					+ "WHERE username = :username AND password_hash IS NOT NULL")
			.param("username", username)
			.query((row, rowNumber) -> new Credentials(mapUser(row, rowNumber), row.getString("password_hash")))
			.optional();
	}

	@Nullable String findPasswordHash(long id) {
		return this.jdbc.sql("SELECT password_hash FROM users WHERE id = :id")
			.param("id", id)
			.query(String.class)
			.optional()
			.orElse(null);
	}

	/**
	 * Replaces a hash whose scheme is outdated with a new hash of the same password,
	 * unless the password changed since the old one was read.
	 */
	void upgradePasswordHash(String username, String oldHash, String newHash) {
		this.jdbc
			.sql("UPDATE users SET password_hash = :newHash WHERE username = :username AND password_hash = :oldHash")
			.param("username", username)
			.param("oldHash", oldHash)
			.param("newHash", newHash)
			.update();
	}

	Optional<User> update(long id, UserPatch patch, @Nullable String passwordHash) {
		return this.jdbc.sql("""
				UPDATE users
				SET display_name = CASE WHEN :setsDisplayName THEN CAST(:displayName AS text) ELSE display_name END,
				    timezone = COALESCE(CAST(:timezone AS text), timezone),
				    password_hash = COALESCE(CAST(:passwordHash AS text), password_hash)
				WHERE id = :id
				RETURNING
				""" + COLUMNS)
			.param("id", id)
			.param("setsDisplayName", patch.setsDisplayName())
			.param("displayName", patch.displayName())
			.param("timezone", patch.timezone())
			.param("passwordHash", passwordHash)
			.query(USER_ROW)
			.optional();
	}

	/**
	 * Deletes a user and its tokens (the foreign key cascades); what other modules own is
	 * deleted by their listeners to {@link UserDeleted}, in the same transaction.
	 * @return the deleted user's name, or empty when there was no such user
	 */
	Optional<String> delete(long id) {
		return this.jdbc.sql("DELETE FROM users WHERE id = :id RETURNING username")
			.param("id", id)
			.query(String.class)
			.optional();
	}

	private static User mapUser(ResultSet row, int rowNumber) throws SQLException {
		return new User(row.getLong("id"), row.getString("username"), row.getString("display_name"),
				row.getBoolean("admin"), row.getString("timezone"),
				row.getObject("created_at", OffsetDateTime.class).toInstant());
	}

	/**
	 * @param user the user
	 * @param passwordHash the encoded hash, with its {@code {id}} prefix
	 */
	record Credentials(User user, String passwordHash) {

		@Override
		public String toString() {
			return "Credentials[user=" + this.user.username() + "]";
		}

	}

}
