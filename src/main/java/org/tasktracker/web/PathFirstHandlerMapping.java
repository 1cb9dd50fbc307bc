package org.tasktracker.web;

import jakarta.servlet.http.HttpServletRequest;

import org.jspecify.annotations.Nullable;

import org.springframework.web.servlet.mvc.condition.PathPatternsRequestCondition;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Spring MVC's mapping of requests to controller methods, asking each mapping's path
 * first. A path with a variable ({@code /tasks/{id}/complete}) has no direct entry, so
 * Spring tries every mapping of the service (about a hundred, the pages' and the DAV
 * paths' too), and {@link RequestMappingInfo#getMatchingCondition} checks the method,
 * headers and media types before the path: each through the request's wrappers. The path
 * refuses almost all of them, cheaply; the whole check then runs as before on the few
 * left, so the outcome is Spring's own (docs/performance.md has the profile).
 */
final class PathFirstHandlerMapping extends RequestMappingHandlerMapping {

	@Override
	protected @Nullable RequestMappingInfo getMatchingMapping(RequestMappingInfo info, HttpServletRequest request) {
		PathPatternsRequestCondition paths = info.getPathPatternsCondition();
		if (paths != null && paths.getMatchingCondition(request) == null) {
			return null;
		}
		return info.getMatchingCondition(request);
	}

}
