package org.tasktracker.task;

import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * A user's saved filters. Every statement names the owner, so another user's filter is
 * never found, renamed or deleted. A name taken already (in any case) fails on the unique
 * index, as a {@link org.springframework.dao.DuplicateKeyException}.
 */
@Component
class SavedFilterRepository {

	private static final RowMapper<SavedFilter> FILTER_ROW = (row, rowNumber) -> new SavedFilter(row.getLong("id"),
			row.getString("name"), row.getString("query"));

	private final JdbcClient jdbc;

	SavedFilterRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** The owner's filters, by name in any case. */
	List<SavedFilter> findAll(long ownerId) {
		return this.jdbc.sql("""
				SELECT id, name, query FROM saved_filters WHERE owner_id = :owner ORDER BY lower(name), id
				""").param("owner", ownerId).query(FILTER_ROW).list();
	}

	Optional<SavedFilter> find(long ownerId, long id) {
		return this.jdbc.sql("SELECT id, name, query FROM saved_filters WHERE owner_id = :owner AND id = :id")
			.param("owner", ownerId)
			.param("id", id)
			.query(FILTER_ROW)
			.optional();
	}

	/**
	 * Saves a filter unless the owner has {@code cap} already, in one statement. Two
	 * saves at the same instant may each see one fewer than the other wrote, so the cap
	 * can be passed by the number of saves racing; it bounds a user's list, not an exact
	 * quota.
	 * @return the filter, or empty when the owner has {@code cap} filters
	 */
	Optional<SavedFilter> create(long ownerId, String name, String query, int cap) {
		return this.jdbc.sql("""
				INSERT INTO saved_filters (owner_id, name, query)
				SELECT :owner, :name, :query
				WHERE (SELECT count(*) FROM saved_filters WHERE owner_id = :owner) < :cap
				RETURNING id, name, query
				""")
			.param("owner", ownerId)
			.param("name", name)
			.param("query", query)
			.param("cap", cap)
			.query(FILTER_ROW)
			.optional();
	}

	/**
	 * @return the filter renamed, or empty when the owner has no such filter
	 */
	Optional<SavedFilter> rename(long ownerId, long id, String name) {
		return this.jdbc.sql("""
				UPDATE saved_filters SET name = :name WHERE owner_id = :owner AND id = :id
				RETURNING id, name, query
				""").param("owner", ownerId).param("id", id).param("name", name).query(FILTER_ROW).optional();
	}

	/**
	 * @return the filter deleted, or empty when the owner has no such filter
	 */
	Optional<SavedFilter> delete(long ownerId, long id) {
		return this.jdbc.sql("DELETE FROM saved_filters WHERE owner_id = :owner AND id = :id RETURNING id, name, query")
			.param("owner", ownerId)
			.param("id", id)
			.query(FILTER_ROW)
			.optional();
	}

}
