package org.tasktracker.web;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/**
 * An {@code If-Match} that does not hold the object's current entity tag: answered 412
 * with the current one in the {@code ETag} header, so that the client can read what
 * changed and decide. Nothing was changed.
 */
public class PreconditionFailedException extends ErrorResponseException {

	public PreconditionFailedException(String what, long currentVersion) {
		super(HttpStatus.PRECONDITION_FAILED);
		getBody().setDetail(what + " has changed since that version: it is now at version " + currentVersion
				+ "; read it again, then send the change with the new ETag");
		getBody().setProperty("version", currentVersion);
		getHeaders().setETag(EntityTags.of(currentVersion));
	}

}
