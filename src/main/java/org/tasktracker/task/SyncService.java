package org.tasktracker.task;

import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import org.jspecify.annotations.Nullable;
import org.tasktracker.database.DatabaseRetry;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionOperations;
import org.springframework.web.ErrorResponseException;

/**
 * {@code GET /sync}: a client's state, then what changed, in rounds of pages. A round
 * reads in the snapshot of its first page ({@code round}) everything its token's snapshot
 * ({@code since}) had not seen, kind by kind and id by id; when the round ends, the
 * round's snapshot becomes the next {@code since}. A change that commits during a round
 * is not visible to the round's snapshot, so the next round sends it, whether or not a
 * later page of this round did too (the contract allows the repeat).
 */
@Service
class SyncService {

	/** The kinds in the order a round sends them. */
	private static final int PROJECTS = 0;

	private static final int TASKS = 1;

	private static final int DELETED_PROJECTS = 2;

	private static final int DELETED_TASKS = 3;

	private final SyncRepository sync;

	private final SyncWaiters waiters;

	private final DatabaseRetry retry;

	private final TransactionOperations transactions;

	private final Duration retention;

	/**
	 * Reads of woken waiters at once: half the pool, so that other requests keep theirs.
	 */
	private final Semaphore wokenReads;

	SyncService(SyncRepository sync, SyncWaiters waiters, DatabaseRetry retry, TransactionOperations transactions,
			SyncProperties properties, DataSource dataSource) throws SQLException {
		this.wokenReads = new Semaphore(Math.max(1, dataSource.unwrap(HikariDataSource.class).getMaximumPoolSize() / 2),
				true);
		this.sync = sync;
		this.waiters = waiters;
		this.retry = retry;
		this.transactions = transactions;
		this.retention = properties.tombstoneRetention();
	}

	/**
	 * One page; with {@code wait}, when nothing has changed, waits up to that long for a
	 * change of the owner's to commit, holding no connection, and reads again.
	 * @param since the client's token, or null for the whole state
	 * @throws org.tasktracker.web.InvalidRequestException naming {@code since} for a
	 * token not this owner's
	 * @throws ErrorResponseException 410 for a token older than the tombstones are kept
	 */
	SyncDocument sync(long ownerId, @Nullable String since, int limit, Duration wait) throws InterruptedException {
		byte[] key = this.retry.idempotent(this.sync::tokenKey);
		SyncToken token = (since != null) ? SyncToken.decode(since, ownerId, key) : null;
		if (wait.isZero()) {
			return read(ownerId, token, limit).document(key);
		}
		long deadline = System.nanoTime() + wait.toNanos();
		try (SyncWaiters.Waiter waiter = this.waiters.subscribe(ownerId)) {
			Page page = read(ownerId, token, limit);
			while (page.isEmpty() && waiter != null) {
				long left = deadline - System.nanoTime();
				if (left <= 0 || this.waiters.closing() || !waiter.await(Duration.ofNanos(left))
						|| this.waiters.closing()) {
					break;
				}
				// One change wakes every waiter of its owner at once: their reads take
				// turns, so that they never hold the whole pool.
				if (!this.wokenReads.tryAcquire(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
					break;
				}
				try {
					page = read(ownerId, token, limit);
				}
				finally {
					this.wokenReads.release();
				}
			}
			return page.document(key);
		}
	}

	private Page read(long ownerId, @Nullable SyncToken token, int limit) {
		return this.retry
			.idempotent(() -> this.transactions.execute((status) -> readInTransaction(ownerId, token, limit)));
	}

	/**
	 * A retention as a person would say it: in days, or in the largest unit it is whole
	 * in.
	 */
	static String inWords(Duration retention) {
		long seconds = retention.toSeconds();
		if (seconds % 86_400 == 0) {
			return count(seconds / 86_400, "day");
		}
		if (seconds % 3_600 == 0) {
			return count(seconds / 3_600, "hour");
		}
		if (seconds % 60 == 0) {
			return count(seconds / 60, "minute");
		}
		return count(seconds, "second");
	}

	private static String count(long number, String unit) {
		return number + " " + unit + ((number == 1) ? "" : "s");
	}

	private Page readInTransaction(long ownerId, @Nullable SyncToken token, int limit) {
		SyncRepository.Snapshot now = this.sync.begin();
		String since = (token != null) ? token.since() : null;
		if (token != null && since != null && now.millis() - token.sinceMillis() > this.retention.toMillis()) {
			ErrorResponseException gone = new ErrorResponseException(HttpStatus.GONE);
			gone.getBody()
				.setDetail("This sync token is older than deletions are kept (" + inWords(this.retention)
						+ "): start again without since");
			throw gone;
		}
		boolean continuing = token != null && token.round() != null;
		String round = continuing ? token.round() : now.text();
		long roundMillis = continuing ? token.roundMillis() : now.millis();
		int phase = continuing ? token.phase() : PROJECTS;
		long after = continuing ? token.after() : 0;
		Page page = new Page(ownerId, since, (token != null) ? token.sinceMillis() : 0, round, roundMillis, limit);
		int lastKind = (since != null) ? DELETED_TASKS : TASKS;
		for (int kind = phase; kind <= lastKind && !page.full(); kind++) {
			long from = (kind == phase) ? after : 0;
			int room = page.room();
			switch (kind) {
				case PROJECTS -> this.sync.projects(ownerId, since, from, room).forEach(page::add);
				case TASKS -> this.sync.tasks(ownerId, since, from, room).forEach(page::add);
				case DELETED_PROJECTS ->
					this.sync.deleted(ownerId, "project", since, from, room).forEach(page::addDeletedProject);
				default -> this.sync.deleted(ownerId, "task", since, from, room).forEach(page::addDeletedTask);
			}
		}
		return page;
	}

	/**
	 * A page being read: up to {@code limit} objects, and one more to learn that another
	 * page follows.
	 */
	private static final class Page {

		private final long ownerId;

		private final @Nullable String since;

		private final long sinceMillis;

		private final String round;

		private final long roundMillis;

		private final int limit;

		private final List<Project> projects = new ArrayList<>();

		private final List<Task> tasks = new ArrayList<>();

		private final List<Long> deletedProjects = new ArrayList<>();

		private final List<Long> deletedTasks = new ArrayList<>();

		private int count;

		/** The kind and id of the last object inside the page. */
		private int lastKind;

		private long lastId;

		private boolean more;

		Page(long ownerId, @Nullable String since, long sinceMillis, String round, long roundMillis, int limit) {
			this.ownerId = ownerId;
			this.since = since;
			this.sinceMillis = sinceMillis;
			this.round = round;
			this.roundMillis = roundMillis;
			this.limit = limit;
		}

		boolean full() {
			return this.more;
		}

		/** How many more rows to read: the page's room and one to learn of more. */
		int room() {
			return this.limit - this.count + 1;
		}

		void add(Project project) {
			if (take(PROJECTS, project.id())) {
				this.projects.add(project);
			}
		}

		void add(Task task) {
			if (take(TASKS, task.id())) {
				this.tasks.add(task);
			}
		}

		void addDeletedProject(long id) {
			if (take(DELETED_PROJECTS, id)) {
				this.deletedProjects.add(id);
			}
		}

		void addDeletedTask(long id) {
			if (take(DELETED_TASKS, id)) {
				this.deletedTasks.add(id);
			}
		}

		private boolean take(int kind, long id) {
			if (this.count == this.limit) {
				this.more = true;
				return false;
			}
			this.count++;
			this.lastKind = kind;
			this.lastId = id;
			return true;
		}

		/** Whether the page holds nothing and none follows: nothing has changed. */
		boolean isEmpty() {
			return this.count == 0 && !this.more;
		}

		SyncDocument document(byte[] key) {
			SyncToken next = this.more
					? new SyncToken(this.ownerId, this.since, this.sinceMillis, this.round, this.roundMillis,
							this.lastKind, this.lastId)
					: SyncToken.caughtUp(this.ownerId, this.round, this.roundMillis);
			return new SyncDocument(this.tasks, this.projects,
					new SyncDocument.Deleted(this.deletedTasks, this.deletedProjects), next.encode(key), this.more);
		}

	}

}
