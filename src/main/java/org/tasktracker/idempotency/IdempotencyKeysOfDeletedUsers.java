package org.tasktracker.idempotency;

import org.tasktracker.account.UserDeleted;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Deletes a deleted user's idempotency keys, in the transaction that deletes the user.
 */
@Component
class IdempotencyKeysOfDeletedUsers {

	private final IdempotencyKeyRepository keys;

	IdempotencyKeysOfDeletedUsers(IdempotencyKeyRepository keys) {
		this.keys = keys;
	}

	@EventListener
	void on(UserDeleted event) {
		this.keys.deleteOwnedBy(event.userId());
	}

}
