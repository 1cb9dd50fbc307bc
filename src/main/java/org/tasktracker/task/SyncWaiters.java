package org.tasktracker.task;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;

/**
 * The long polls of {@code GET /sync?wait=N} waiting on this instance, by owner, woken by
 * the database's notifications of a change of that owner (from any instance, see
 * {@link org.tasktracker.database.NotificationListener}). A waiter is registered before
 * its request reads, so that a change committed between the read and the wait still wakes
 * it.
 */
class SyncWaiters {

	/** The most requests that wait at once on one instance. */
	static final int MAX_WAITING = 600;

	private final Map<Long, Set<Waiter>> byOwner = new ConcurrentHashMap<>();

	private final AtomicInteger count = new AtomicInteger();

	private volatile boolean closing;

	/**
	 * @return the request's waiter, or null when {@value #MAX_WAITING} requests wait
	 * already: it then answers at once, as with {@code wait=0}, since each waiting
	 * request holds heap (its connection's buffers) for as long as it waits
	 * ({@code docs/performance.md}, "Memory of waiting polls")
	 */
	@Nullable Waiter subscribe(long ownerId) {
		if (this.count.incrementAndGet() > MAX_WAITING) {
			this.count.decrementAndGet();
			return null;
		}
		Waiter waiter = new Waiter(ownerId);
		this.byOwner.computeIfAbsent(ownerId, (owner) -> ConcurrentHashMap.newKeySet()).add(waiter);
		return waiter;
	}

	/**
	 * A notification's payload: the ids of the owners whose objects changed, separated by
	 * commas ({@link SyncNotifications}).
	 */
	void changed(String payload) {
		for (String owner : payload.split(",")) {
			long ownerId;
			try {
				ownerId = Long.parseLong(owner);
			}
			catch (NumberFormatException ex) {
				continue;
			}
			Set<Waiter> waiters = this.byOwner.get(ownerId);
			if (waiters != null) {
				waiters.forEach(Waiter::wake);
			}
		}
	}

	/**
	 * Notifications may have been lost (listening restarted): every waiter reads again.
	 */
	void wakeAll() {
		this.byOwner.values().forEach((waiters) -> waiters.forEach(Waiter::wake));
	}

	/**
	 * The service is stopping: every waiting request answers now, with what it has, so
	 * that a graceful shutdown need not wait out their waits.
	 */
	void close() {
		this.closing = true;
		wakeAll();
	}

	boolean closing() {
		return this.closing;
	}

	/** How many requests wait, for the metrics. */
	int waiting() {
		return this.count.get();
	}

	final class Waiter implements AutoCloseable {

		private final long ownerId;

		private final Semaphore woken = new Semaphore(0);

		private Waiter(long ownerId) {
			this.ownerId = ownerId;
		}

		private void wake() {
			if (this.woken.availablePermits() == 0) {
				this.woken.release();
			}
		}

		/**
		 * Waits until a change of the owner's may have committed since the last wait.
		 * @return false when the time ran out first
		 */
		boolean await(Duration timeout) throws InterruptedException {
			boolean wokenUp = this.woken.tryAcquire(timeout.toNanos(), TimeUnit.NANOSECONDS);
			this.woken.drainPermits();
			return wokenUp;
		}

		@Override
		public void close() {
			SyncWaiters.this.count.decrementAndGet();
			SyncWaiters.this.byOwner.computeIfPresent(this.ownerId, (owner, waiters) -> {
				waiters.remove(this);
				return waiters.isEmpty() ? null : waiters;
			});
		}

	}

}
