package org.tasktracker.task;

import java.time.Duration;

import org.jspecify.annotations.Nullable;
import org.tasktracker.database.DatabaseRetry;
import org.tasktracker.task.published.ChangeFeed;
import org.tasktracker.web.InvalidRequestException;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionOperations;
import org.springframework.web.ErrorResponseException;

/**
 * {@link ChangeFeed}: {@code GET /sync}'s {@link SyncService}, its pages handed out as
 * {@link org.tasktracker.task.published.TaskView}s and its refusals of a token as one
 * exception that says nothing of HTTP.
 */
@Service
class PublishedChanges implements ChangeFeed {

	private final SyncService sync;

	private final SyncRepository repository;

	private final DatabaseRetry retry;

	private final TransactionOperations transactions;

	PublishedChanges(SyncService sync, SyncRepository repository, DatabaseRetry retry,
			TransactionOperations transactions) {
		this.sync = sync;
		this.repository = repository;
		this.retry = retry;
		this.transactions = transactions;
	}

	@Override
	public Changes read(long ownerId, @Nullable String token, int limit) {
		SyncDocument page;
		try {
			page = this.sync.sync(ownerId, token, limit, Duration.ZERO);
		}
		catch (InvalidRequestException ex) {
			throw new TokenRefusedException("Not a sync token of this user", false);
		}
		catch (ErrorResponseException ex) {
			if (ex.getStatusCode().value() == HttpStatus.GONE.value()) {
				throw new TokenRefusedException("The sync token is older than deletions are kept", true);
			}
			throw ex;
		}
		catch (InterruptedException ex) {
			// Never without a wait; kept as the thread's state if it happens anyway.
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted", ex);
		}
		return new Changes(page.tasks().stream().map(PublishedTasks::view).toList(), page.deleted().tasks(),
				page.next(), page.more());
	}

	@Override
	public String current(long ownerId) {
		byte[] key = this.retry.idempotent(this.repository::tokenKey);
		SyncRepository.Snapshot now = this.retry
			.idempotent(() -> this.transactions.execute((status) -> this.repository.begin()));
		return SyncToken.caughtUp(ownerId, now.text(), now.millis()).encode(key);
	}

}
