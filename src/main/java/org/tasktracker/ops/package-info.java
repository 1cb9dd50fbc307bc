/**
 * Operating the service: health checks, the drain on shutdown, requests through a proxy,
 * and the log format.
 */
package org.tasktracker.ops;
