package org.tasktracker.task;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.tasktracker.account.Account;
import org.tasktracker.web.FieldError;
import org.tasktracker.web.InvalidRequestException;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The change feed: {@code GET /sync}. See {@link SyncService}. */
@RestController
class SyncController implements SyncApi {

	static final int MAX_LIMIT = 1000;

	static final int DEFAULT_LIMIT = 500;

	static final int MAX_WAIT_SECONDS = 60;

	private final SyncService sync;

	SyncController(SyncService sync) {
		this.sync = sync;
	}

	@Override
	@GetMapping("/sync")
	public SyncDocument sync(@AuthenticationPrincipal Account caller,
			@RequestParam MultiValueMap<String, String> parameters) throws InterruptedException {
		List<FieldError> errors = new ArrayList<>();
		String since = TaskListQuery.single(parameters, "since", errors);
		int limit = TaskListQuery.bounded(parameters, "limit", 1, MAX_LIMIT, DEFAULT_LIMIT, errors);
		int wait = TaskListQuery.bounded(parameters, "wait", 0, MAX_WAIT_SECONDS, 0, errors);
		if (!errors.isEmpty()) {
			throw new InvalidRequestException(errors);
		}
		return this.sync.sync(caller.id(), since, limit, Duration.ofSeconds(wait));
	}

}
