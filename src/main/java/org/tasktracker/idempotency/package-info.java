/**
 * Idempotency-Key handling for creating requests: claim a key, replay the first answer,
 * forget old keys.
 */
package org.tasktracker.idempotency;
