package org.tasktracker.database;

import org.junit.jupiter.api.Test;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionSystemException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.then;
import static org.mockito.BDDMockito.willThrow;
import static org.mockito.Mockito.mock;

/**
 * Which failure a transaction that failed throws, with the transaction manager mocked.
 */
class TransactionsTests {

	private final PlatformTransactionManager transactionManager = mock(PlatformTransactionManager.class);

	private final Transactions transactions = new Transactions(this.transactionManager);

	@Test
	void throwsTheWorksOwnFailureWhenTheRollbackFailsToo() {
		TransactionSystemException rollbackFailure = new TransactionSystemException("Connection is closed");
		willThrow(rollbackFailure).given(this.transactionManager).rollback(any());

		assertThatExceptionOfType(DataAccessResourceFailureException.class)
			.isThrownBy(() -> this.transactions.execute((status) -> {
				throw new DataAccessResourceFailureException("connection reset");
			}))
			.withMessage("connection reset")
			.satisfies((ex) -> assertThat(ex.getSuppressed()).containsExactly(rollbackFailure));
		then(this.transactionManager).should().rollback(any());
	}

	@Test
	void throwsTheWorksFailureWhenTheRollbackSucceeds() {
		assertThatExceptionOfType(DataAccessResourceFailureException.class)
			.isThrownBy(() -> this.transactions.execute((status) -> {
				throw new DataAccessResourceFailureException("connection reset");
			}))
			.satisfies((ex) -> assertThat(ex.getSuppressed()).isEmpty());
	}

	@Test
	void throwsAFailedCommitAsItIs() {
		TransactionSystemException commitFailure = new TransactionSystemException("Could not commit");
		willThrow(commitFailure).given(this.transactionManager).commit(any());

		assertThatExceptionOfType(TransactionSystemException.class)
			.isThrownBy(() -> this.transactions.execute((status) -> "done"))
			.isSameAs(commitFailure);
	}

}
