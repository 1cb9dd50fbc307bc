package org.tasktracker.account;

import java.util.Set;

/**
 * A validated request for a personal API token.
 *
 * @param name trimmed, 1-100 code points
 * @param scopes what the token may do, at least one
 * @param expiresInDays 1 to 365
 */
record NewToken(String name, Set<Scope> scopes, int expiresInDays) {
}
