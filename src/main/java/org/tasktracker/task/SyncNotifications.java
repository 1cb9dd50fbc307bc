package org.tasktracker.task;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tasktracker.account.Account;

import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Tells every instance's waiting syncs ({@link SyncWaiters}) that an owner's tasks or
 * projects may have changed: after each request that may have written them, a PostgreSQL
 * {@code NOTIFY} on {@value SyncConfiguration#CHANNEL} with the owner's id, sent after
 * the request's transactions have committed.
 * <p>
 * Gathered: one notification at a time is in flight, at most one every {@link #INTERVAL},
 * and the owners of the requests that end meanwhile go out together in the next one, so
 * that a stream of writes costs at most fifty notifications a second rather than one
 * each. A notification sent from a trigger in every writing transaction cost creates and
 * completes three quarters of their rate (pgbench, {@code docs/design/sync.md}):
 * PostgreSQL commits notifying transactions one at a time. A notification that fails to
 * go out only delays a wake-up: a waiting sync answers when its wait ends, and its token
 * then reads the change.
 */
class SyncNotifications implements HandlerInterceptor {

	private static final Logger log = LoggerFactory.getLogger(SyncNotifications.class);

	/**
	 * The shortest time between two notifications under a stream of writes: what a woken
	 * sync may wait beyond the commit it is woken for.
	 */
	static final Duration INTERVAL = Duration.ofMillis(20);

	/** Below PostgreSQL's 8000-byte limit on a payload. */
	static final int MAX_PAYLOAD = 7900;

	private final JdbcClient jdbc;

	private final Set<Long> pending = ConcurrentHashMap.newKeySet();

	private final AtomicBoolean sending = new AtomicBoolean();

	SyncNotifications(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * After a request that may have written: every method but the reads, answered without
	 * failure, by a signed-in user (the API's and the web pages' alike, and
	 * {@code PATCH /users/me}, whose time zone moves the owner's all-day dues).
	 */
	@Override
	public void afterCompletion(HttpServletRequest request, HttpServletResponse response, Object handler,
			@Nullable Exception ex) {
		String method = request.getMethod();
		if (ex != null || response.getStatus() >= 400 || "GET".equals(method) || "HEAD".equals(method)
				|| "OPTIONS".equals(method)) {
			return;
		}
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (authentication != null && authentication.getPrincipal() instanceof Account account) {
			changed(account.id());
		}
	}

	/** The owner's objects may have changed: wake its waiting syncs on every instance. */
	void changed(long ownerId) {
		this.pending.add(ownerId);
		if (this.sending.compareAndSet(false, true)) {
			Thread.ofVirtual().name("sync-notify").start(this::send);
		}
	}

	private void send() {
		try {
			while (!this.pending.isEmpty()) {
				long sent = System.nanoTime();
				for (String payload : drain()) {
					// NOTIFY gives its transaction an id, and so a commit that waits for
					// its WAL flush like a write's; a notification needs no durability (a
					// crash loses the waiting requests too), so this one does not wait.
					this.jdbc
						.sql("SELECT set_config('synchronous_commit', 'off', true), pg_notify('"
								+ SyncConfiguration.CHANNEL + "', :payload)")
						.param("payload", payload)
						.query((row) -> {
						});
				}
				// Under a stream of writes, one notification per interval carries all
				// their owners: the first goes at once, the next gathers for the rest of
				// the interval.
				if (!this.pending.isEmpty()) {
					LockSupport.parkNanos(Math.max(0, INTERVAL.toNanos() - (System.nanoTime() - sent)));
				}
			}
		}
		catch (DataAccessException ex) {
			log.debug("A sync notification was not sent: {}", ex.getMostSpecificCause().getMessage());
		}
		finally {
			this.sending.set(false);
			// An owner added after the loop's last look, while the flag was still set.
			if (!this.pending.isEmpty() && this.sending.compareAndSet(false, true)) {
				Thread.ofVirtual().name("sync-notify").start(this::send);
			}
		}
	}

	/** The pending owners as comma-separated payloads, each under the limit. */
	private List<String> drain() {
		List<String> payloads = new ArrayList<>();
		StringBuilder payload = new StringBuilder();
		for (Iterator<Long> owners = this.pending.iterator(); owners.hasNext();) {
			String owner = Long.toString(owners.next());
			owners.remove();
			if (payload.length() + owner.length() + 1 > MAX_PAYLOAD) {
				payloads.add(payload.toString());
				payload.setLength(0);
			}
			if (!payload.isEmpty()) {
				payload.append(',');
			}
			payload.append(owner);
		}
		if (!payload.isEmpty()) {
			payloads.add(payload.toString());
		}
		return payloads;
	}

}
