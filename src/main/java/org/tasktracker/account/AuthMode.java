package org.tasktracker.account;

/** What a request without credentials gets ({@code AUTH_MODE}, contract v2 part A). */
public enum AuthMode {

	/** Acts as the local user when it comes from this machine's loopback, unproxied. */
	LOCAL,

	/** Is refused. */
	REQUIRED,

	/**
	 * Acts as the local user from any address, unless a web page on another site sent it.
	 */
	OFF

}
