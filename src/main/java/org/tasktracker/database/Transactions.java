package org.tasktracker.database;

import org.jspecify.annotations.Nullable;

import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionException;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.transaction.support.TransactionCallback;
import org.springframework.transaction.support.TransactionOperations;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Spring's {@link TransactionTemplate}, except for one case: when the work fails and the
 * rollback then fails too (as it does on a broken connection), the template throws the
 * rollback's failure; this throws the work's own, with the rollback's attached as
 * suppressed. Retries and error responses then see the connection failure it is, and need
 * no special case of their own.
 */
public final class Transactions implements TransactionOperations {

	private final TransactionTemplate template;

	public Transactions(PlatformTransactionManager transactionManager) {
		this.template = new TransactionTemplate(transactionManager);
	}

	@Override
	public <T> @Nullable T execute(TransactionCallback<T> action) throws TransactionException {
		try {
			return this.template.execute(action);
		}
		catch (TransactionSystemException ex) {
			if (ex.getApplicationException() instanceof RuntimeException workFailure) {
				workFailure.addSuppressed(ex);
				throw workFailure;
			}
			throw ex;
		}
	}

}
