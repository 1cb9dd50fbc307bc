package org.tasktracker.task;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long the change feed remembers deletions.
 *
 * @param tombstoneRetention how long a deletion is kept for {@code GET /sync}; a token
 * older than this is refused with 410
 * @param purgeInterval how often older tombstones are deleted
 */
@ConfigurationProperties("tasktracker.sync")
record SyncProperties(@DefaultValue("30d") Duration tombstoneRetention, @DefaultValue("1h") Duration purgeInterval) {
}
