package org.tasktracker.database;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.sql.DataSource;

import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * Hands out the pool's connections in the order they were asked for. Hikari lets a
 * request that has just arrived take a connection returned a moment ago, ahead of the
 * requests already waiting, so under load a few requests wait far longer than the rest. A
 * fair semaphore with one permit per pooled connection makes them queue instead; a
 * request that finds no permit within the pool's connection timeout fails as if the pool
 * had timed out.
 */
final class ArrivalOrderDataSource extends DelegatingDataSource {

	private final Semaphore permits;

	private final long timeoutNanos;

	ArrivalOrderDataSource(DataSource pool, int poolSize, Duration timeout) {
		super(pool);
		this.permits = new Semaphore(poolSize, true);
		this.timeoutNanos = timeout.toNanos();
	}

	@Override
	public Connection getConnection() throws SQLException {
		acquire();
		try {
			return releasingOnClose(super.getConnection());
		}
		catch (SQLException | RuntimeException ex) {
			this.permits.release();
			throw ex;
		}
	}

	@Override
	public Connection getConnection(String username, String password) throws SQLException {
		throw new SQLException("Connections come from the pool's own credentials");
	}

	/** How many requests are waiting for a connection. */
	int waiting() {
		return this.permits.getQueueLength();
	}

	private void acquire() throws SQLException {
		try {
			if (!this.permits.tryAcquire(this.timeoutNanos, TimeUnit.NANOSECONDS)) {
				throw new SQLTransientConnectionException("No pooled connection became free within "
						+ TimeUnit.NANOSECONDS.toMillis(this.timeoutNanos) + " ms", "08001");
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new SQLTransientConnectionException("Interrupted while waiting for a pooled connection", "08001", ex);
		}
	}

	private Connection releasingOnClose(Connection connection) {
		AtomicBoolean released = new AtomicBoolean();
		InvocationHandler handler = (proxy, method, arguments) -> {
			if (method.getName().equals("close") && released.compareAndSet(false, true)) {
				try {
					connection.close();
				}
				finally {
					this.permits.release();
				}
				return null;
			}
			return invoke(connection, method, arguments);
		};
		return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(),
				new Class<?>[] { Connection.class }, handler);
	}

	private static Object invoke(Connection connection, Method method, Object[] arguments) throws Throwable {
		try {
			return method.invoke(connection, arguments);
		}
		catch (InvocationTargetException ex) {
			throw ex.getCause();
		}
	}

}
