/**
 * The HTTP edge every feature shares: problem responses (RFC 9457), request ids, request
 * logging and limits, JSON and Tomcat set-up.
 */
package org.tasktracker.web;
