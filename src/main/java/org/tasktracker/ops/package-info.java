/**
 * Operating the service: health checks and the log format.
 */
package org.tasktracker.ops;
