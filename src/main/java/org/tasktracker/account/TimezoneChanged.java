package org.tasktracker.account;

import java.time.ZoneId;

/**
 * Published inside the transaction that changes a user's time zone: what a feature keeps
 * in terms of the user's zone (the instant an all-day due date begins) is rewritten in
 * its listener, with the change or not at all.
 *
 * @param userId the user
 * @param zone the new zone
 */
public record TimezoneChanged(long userId, ZoneId zone) {
}
