package org.tasktracker.account;

/**
 * Published inside the transaction that deletes a user: each module that owns rows of the
 * user deletes them in a listener, so that they go with the user or not at all.
 *
 * @param userId the deleted user's id
 */
public record UserDeleted(long userId) {
}
