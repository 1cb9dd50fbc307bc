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
	ADMIN("admin");

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

	static Optional<Scope> of(String value) {
		return Arrays.stream(values()).filter((scope) -> scope.value.equals(value)).findFirst();
	}

}
