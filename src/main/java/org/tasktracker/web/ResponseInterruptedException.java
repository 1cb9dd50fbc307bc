package org.tasktracker.web;

/**
 * A streamed response failed after its status and first bytes were sent, so it cannot
 * become a problem response any more. {@link ProblemHandler} lets it through and
 * {@link RequestLogFilter} hands it to Tomcat, which closes the connection: the client
 * sees the body end early (no closing chunk) rather than a short body that looks
 * complete.
 */
public class ResponseInterruptedException extends RuntimeException {

	public ResponseInterruptedException(String message, Throwable cause) {
		super(message, cause);
	}

}
