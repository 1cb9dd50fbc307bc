package org.tasktracker.account;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * An authenticated request: the {@link Account} it acts as, how that was proved, and what
 * it may do. A password, a web session or the local rule may do all the user may; a token
 * only what its scopes say.
 */
final class AccountAuthentication extends AbstractAuthenticationToken {

	static final GrantedAuthority ADMIN_ROLE = new SimpleGrantedAuthority("ROLE_ADMIN");

	private final Account account;

	private final Proof proof;

	AccountAuthentication(Account account, Proof proof, Collection<? extends GrantedAuthority> authorities) {
		super(authorities);
		this.account = account;
		this.proof = proof;
		setAuthenticated(true);
	}

	/**
	 * Authenticated by something that proves the whole user: password, session, local.
	 */
	static AccountAuthentication wholeUser(Account account, Proof proof) {
		List<Scope> scopes = account.admin() ? List.of(Scope.values()) : List.of(Scope.TASKS_READ, Scope.TASKS_WRITE);
		return new AccountAuthentication(account, proof, authorities(account, scopes));
	}

	/**
	 * Authenticated by a token: its scopes, of which {@code admin} and {@code metrics}
	 * only for an admin.
	 */
	static AccountAuthentication token(Account account, Collection<Scope> scopes) {
		List<Scope> granted = new ArrayList<>(scopes);
		if (granted.contains(Scope.TASKS_WRITE) && !granted.contains(Scope.TASKS_READ)) {
			granted.add(Scope.TASKS_READ);
		}
		if (!account.admin()) {
			granted.removeIf(Scope::adminOnly);
		}
		return new AccountAuthentication(account, Proof.TOKEN, authorities(account, granted));
	}

	private static List<GrantedAuthority> authorities(Account account, Collection<Scope> scopes) {
		List<GrantedAuthority> authorities = new ArrayList<>();
		scopes.forEach((scope) -> authorities.add(scope.authority()));
		if (account.admin()) {
			authorities.add(ADMIN_ROLE);
		}
		return authorities;
	}

	@Override
	public Account getPrincipal() {
		return this.account;
	}

	/** Never any: a password is checked and dropped, a token is never kept. */
	@Override
	public Object getCredentials() {
		return "";
	}

	@Override
	public String getName() {
		return this.account.username();
	}

	Proof proof() {
		return this.proof;
	}

	/** Whether the request may act with {@code scope}: a token's own, or the user's. */
	boolean may(Scope scope) {
		return getAuthorities().contains(scope.authority());
	}

	/** How a request proved who it acts as. */
	enum Proof {

		PASSWORD, TOKEN, LOCAL, SESSION

	}

}
