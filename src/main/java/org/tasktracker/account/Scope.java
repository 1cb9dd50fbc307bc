package org.tasktracker.account;

import java.util.Arrays;
import java.util.Optional;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/** What a personal API token may do, as the contract names it. */
enum Scope {

	/** Read tasks (and, later, projects and labels) and one's own user. */
	TASKS_READ("tasks:read"),

	/** Everything {@link #TASKS_READ} allows, plus changes to them. */
	TASKS_WRITE("tasks:write"),

	/** User management; only an admin may hold it. */
	ADMIN("admin"),

	/**
	 * Reading {@code /metrics}, and nothing else: what a Prometheus scrape sends as its
	 * bearer token. Only an admin may hold it, since the figures are the whole service's.
	 */
	METRICS("metrics");

	private final String value;

	private final GrantedAuthority authority;

	Scope(String value) {
		this.value = value;
		this.authority = new SimpleGrantedAuthority("SCOPE_" + value);
	}

	String value() {
		return this.value;
	}

	GrantedAuthority authority() {
		return this.authority;
	}

	/** Whether only an admin may hold this scope. */
	boolean adminOnly() {
		return this == ADMIN || this == METRICS;
	}

	static Optional<Scope> of(String value) {
		return Arrays.stream(values()).filter((scope) -> scope.value.equals(value)).findFirst();
	}

}
