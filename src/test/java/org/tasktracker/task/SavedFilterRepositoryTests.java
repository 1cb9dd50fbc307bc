package org.tasktracker.task;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import org.springframework.boot.jdbc.test.autoconfigure.JdbcTest;
import org.springframework.context.annotation.Import;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The saved filters' SQL against the real schema (V13), each test in a transaction rolled
 * back: the cap checked in the insert, names unique per owner in any case, every
 * statement scoped to its owner, and the filters gone with their user.
 */
@JdbcTest
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
@Import(SavedFilterRepository.class)
class SavedFilterRepositoryTests {

	@Autowired
	private SavedFilterRepository filters;

	@Autowired
	private JdbcClient jdbc;

	@Test
	void savesUpToTheCapAndNoMore() {
		long owner = newUser();
		long other = newUser();
		for (int i = 1; i <= 3; i++) {
			assertThat(this.filters.create(owner, "Filter " + i, "word" + i, 3)).isPresent();
		}

		assertThat(this.filters.create(owner, "Fourth", "four", 3)).isEmpty();
		assertThat(this.filters.create(other, "Fourth", "four", 3)).as("another user's count is theirs").isPresent();
		assertThat(this.filters.findAll(owner)).extracting(SavedFilter::name)
			.containsExactly("Filter 1", "Filter 2", "Filter 3");
	}

	@Test
	void everyStatementIsScopedToItsOwner() {
		long owner = newUser();
		long intruder = newUser();
		SavedFilter theirs = this.filters.create(owner, "Private", "secret", 50).orElseThrow();

		assertThat(this.filters.find(intruder, theirs.id())).isEmpty();
		assertThat(this.filters.rename(intruder, theirs.id(), "Mine")).isEmpty();
		assertThat(this.filters.delete(intruder, theirs.id())).isEmpty();
		assertThat(this.filters.findAll(intruder)).isEmpty();

		assertThat(this.filters.find(owner, theirs.id())).contains(theirs);
		assertThat(this.filters.rename(owner, theirs.id(), "Still private")).map(SavedFilter::name)
			.contains("Still private");
		assertThat(this.filters.delete(owner, theirs.id())).map(SavedFilter::query).contains("secret");
		assertThat(this.filters.findAll(owner)).isEmpty();
	}

	@Test
	void theFiltersGoWithTheirUserAndAreListedByNameInAnyCase() {
		long owner = newUser();
		this.filters.create(owner, "beta", "b", 50);
		this.filters.create(owner, "Alpha", "a", 50);
		assertThat(this.filters.findAll(owner)).extracting(SavedFilter::name).containsExactly("Alpha", "beta");

		this.jdbc.sql("DELETE FROM users WHERE id = :id").param("id", owner).update();

		assertThat(this.jdbc.sql("SELECT count(*) FROM saved_filters WHERE owner_id = :owner")
			.param("owner", owner)
			.query(Long.class)
			.single()).isZero();
	}

	@Test
	void aNameIsTakenInAnyCaseOnlyAmongTheOwnersFilters() {
		long owner = newUser();
		long other = newUser();
		this.filters.create(owner, "Work", "#Work", 50);
		assertThat(this.filters.create(other, "work", "#Work", 50)).isPresent();

		// The last statement of the test: a refused one ends the transaction.
		assertThatExceptionOfType(DuplicateKeyException.class)
			.isThrownBy(() -> this.filters.create(owner, "WORK", "other", 50));
	}

	@Test
	void aQueryLongerThanTheSearchBoxIsRefusedByTheSchema() {
		long owner = newUser();

		assertThatExceptionOfType(DataIntegrityViolationException.class)
			.isThrownBy(() -> this.filters.create(owner, "Long", "x".repeat(201), 50));
	}

	private long newUser() {
		return this.jdbc.sql("INSERT INTO users (username, password_hash) VALUES (:name, 'x') RETURNING id")
			.param("name", "filters-repo-" + System.nanoTime())
			.query(Long.class)
			.single();
	}

}
