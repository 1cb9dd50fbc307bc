package org.tasktracker.task;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadFactory;

import io.swagger.v3.oas.annotations.Hidden;
import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;
import org.tasktracker.account.Account;
import org.tasktracker.web.FieldError;
import org.tasktracker.web.InvalidRequestException;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.async.DeferredResult;

/**
 * The change feed: {@code GET /sync}. See {@link SyncService}.
 * <p>
 * A poll that may wait ({@code wait=N}) is answered asynchronously: it waits on a virtual
 * thread of its own, a few frames deep, while its request's thread returns. Parked under
 * every filter of the chain, that thread's stack was the largest part of what a waiting
 * request held in the heap ({@code docs/performance.md}, "Memory of waiting polls").
 */
@RestController
class SyncController implements SyncApi {

	static final int MAX_LIMIT = 1000;

	static final int DEFAULT_LIMIT = 500;

	static final int MAX_WAIT_SECONDS = 60;

	/**
	 * How long past its wait an asynchronous answer may take before the request is given
	 * up: the reads before and after the wait, with their retries.
	 */
	static final Duration ANSWER_MARGIN = Duration.ofSeconds(30);

	private static final ThreadFactory WAITS = Thread.ofVirtual().name("sync-wait-", 0).factory();

	private final SyncService sync;

	SyncController(SyncService sync) {
		this.sync = sync;
	}

	@Override
	@GetMapping("/sync")
	public SyncDocument sync(@AuthenticationPrincipal Account caller,
			@RequestParam MultiValueMap<String, String> parameters) throws InterruptedException {
		Poll poll = Poll.of(parameters);
		return this.sync.sync(caller.id(), poll.since(), poll.limit(), poll.waitFor());
	}

	/** {@link #sync} with a {@code wait} other than 0, documented there. */
	@Hidden
	@GetMapping(path = "/sync", params = { "wait", "wait!=0" })
	public DeferredResult<SyncDocument> syncWaiting(@AuthenticationPrincipal Account caller,
			@RequestParam MultiValueMap<String, String> parameters) {
		Poll poll = Poll.of(parameters);
		long owner = caller.id();
		// Tomcat ends an asynchronous request after 30 s unless told otherwise; the wait
		// ends itself, answering what it has.
		DeferredResult<SyncDocument> answer = new DeferredResult<>(poll.waitFor().plus(ANSWER_MARGIN).toMillis());
		Map<String, String> logContext = MDC.getCopyOfContextMap();
		WAITS.newThread(() -> {
			if (logContext != null) {
				MDC.setContextMap(logContext);
			}
			try {
				answer.setResult(this.sync.sync(owner, poll.since(), poll.limit(), poll.waitFor()));
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				answer.setErrorResult(ex);
			}
			catch (RuntimeException ex) {
				answer.setErrorResult(ex);
			}
			catch (Error ex) {
				// Answered at once, as a failure, rather than left to time out.
				answer.setErrorResult(ex);
				throw ex;
			}
		}).start();
		return answer;
	}

	/** A poll's parameters, checked. */
	private record Poll(@Nullable String since, int limit, Duration waitFor) {

		static Poll of(MultiValueMap<String, String> parameters) {
			List<FieldError> errors = new ArrayList<>();
			String since = TaskListQuery.single(parameters, "since", errors);
			int limit = TaskListQuery.bounded(parameters, "limit", 1, MAX_LIMIT, DEFAULT_LIMIT, errors);
			int wait = TaskListQuery.bounded(parameters, "wait", 0, MAX_WAIT_SECONDS, 0, errors);
			if (!errors.isEmpty()) {
				throw new InvalidRequestException(errors);
			}
			return new Poll(since, limit, Duration.ofSeconds(wait));
		}

	}

}
