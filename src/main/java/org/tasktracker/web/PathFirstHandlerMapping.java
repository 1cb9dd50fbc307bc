package org.tasktracker.web;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;

import org.jspecify.annotations.Nullable;

import org.springframework.http.server.PathContainer;
import org.springframework.web.cors.CorsUtils;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.condition.PathPatternsRequestCondition;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.ServletRequestPathUtils;
import org.springframework.web.util.pattern.PathPattern;

/**
 * Spring MVC's mapping of requests to controller methods, asking only the mappings whose
 * paths can match, and each mapping's path first.
 * <p>
 * A path with a variable ({@code /tasks/{id}/complete}) has no direct entry, so Spring
 * tries every mapping of the service (about a hundred, the pages' and the DAV paths'
 * too), and {@link RequestMappingInfo#getMatchingCondition} checks the method, headers
 * and media types before the path, each through the request's wrappers. Here the mappings
 * are indexed by the first segment of their paths: a request is tried against the
 * mappings of its first segment and those whose paths begin with a variable or a
 * wildcard, each by its path patterns first and then by Spring's whole check. When
 * exactly one mapping matches, it is the one Spring would have chosen, because no mapping
 * outside those tried can match the path. Anything else (a path Spring finds directly,
 * such as {@code /tasks}; no match; several; a CORS pre-flight; a path whose first
 * segment is encoded or carries parameters) goes to Spring's own lookup, so the outcome
 * is always Spring's (docs/performance.md has the profile).
 */
final class PathFirstHandlerMapping extends RequestMappingHandlerMapping {

	/** The mappings tried for a first segment; {@code null} until the index is built. */
	private volatile @Nullable Index index;

	/**
	 * Paths without variables ({@code /tasks}): Spring finds their mappings by the path
	 * itself, and often more than one ({@code GET /tasks} as JSON and as a page).
	 */
	private Set<String> directPaths = Set.of();

	@Override
	protected void handlerMethodsInitialized(Map<RequestMappingInfo, HandlerMethod> handlerMethods) {
		super.handlerMethodsInitialized(handlerMethods);
		Set<String> directPaths = new HashSet<>();
		handlerMethods.keySet().forEach((info) -> directPaths.addAll(getDirectPaths(info)));
		this.directPaths = Set.copyOf(directPaths);
		this.index = Index.of(handlerMethods);
	}

	@Override
	public void registerMapping(RequestMappingInfo mapping, Object handler, Method method) {
		// Mappings added at run time would be missing from the index: from now on, every
		// lookup is Spring's own.
		this.index = null;
		super.registerMapping(mapping, handler, method);
	}

	@Override
	public void unregisterMapping(RequestMappingInfo mapping) {
		this.index = null;
		super.unregisterMapping(mapping);
	}

	@Override
	protected @Nullable HandlerMethod lookupHandlerMethod(String lookupPath, HttpServletRequest request)
			throws Exception {
		Index index = this.index;
		if (index != null && !this.directPaths.contains(lookupPath) && !CorsUtils.isPreFlightRequest(request)) {
			Indexed found = index.match(lookupPath, request);
			if (found != null) {
				request.setAttribute(BEST_MATCHING_HANDLER_ATTRIBUTE, found.handlerMethod());
				handleMatch(found.mapping(), lookupPath, request);
				return found.handlerMethod();
			}
		}
		return super.lookupHandlerMethod(lookupPath, request);
	}

	/** Spring's own lookup, for the tests that hold the index to it. */
	@Nullable HandlerMethod lookupWithoutIndex(String lookupPath, HttpServletRequest request) throws Exception {
		return super.lookupHandlerMethod(lookupPath, request);
	}

	/** The index as built, for the tests that hold it to Spring's own lookup. */
	@Nullable Index index() {
		return this.index;
	}

	@Override
	protected @Nullable RequestMappingInfo getMatchingMapping(RequestMappingInfo info, HttpServletRequest request) {
		PathPatternsRequestCondition paths = info.getPathPatternsCondition();
		if (paths != null && paths.getMatchingCondition(request) == null) {
			return null;
		}
		return info.getMatchingCondition(request);
	}

	/**
	 * The one mapping that matched, narrowed to the request as Spring narrows it, and its
	 * method.
	 */
	record Indexed(RequestMappingInfo mapping, HandlerMethod handlerMethod) {
	}

	/** A mapping with its path patterns and its method, ready to be tried. */
	record Candidate(RequestMappingInfo info, PathPattern[] patterns, HandlerMethod handlerMethod) {

		boolean pathMatches(PathContainer path) {
			for (PathPattern pattern : this.patterns) {
				if (pattern.matches(path)) {
					return true;
				}
			}
			return false;
		}

	}

	/**
	 * The mappings a request may match, by the first segment of its path: those of that
	 * literal first segment followed by those that any first segment may reach, which are
	 * also all there is for a segment no mapping names.
	 */
	record Index(Map<String, Candidate[]> byFirstSegment, Candidate[] anyFirstSegment) {

		static @Nullable Index of(Map<RequestMappingInfo, HandlerMethod> handlerMethods) {
			Map<String, List<Candidate>> bySegment = new HashMap<>();
			List<Candidate> any = new ArrayList<>();
			for (Map.Entry<RequestMappingInfo, HandlerMethod> entry : handlerMethods.entrySet()) {
				PathPatternsRequestCondition paths = entry.getKey().getPathPatternsCondition();
				if (paths == null) {
					// Mapped with the older path matcher: not indexable, so no index.
					return null;
				}
				PathPattern[] patterns = paths.getPatterns().toArray(PathPattern[]::new);
				Candidate candidate = new Candidate(entry.getKey(), patterns, entry.getValue());
				List<String> segments = new ArrayList<>();
				for (PathPattern pattern : patterns) {
					String segment = literalFirstSegment(pattern.getPatternString());
					if (segment == null) {
						segments = null;
						break;
					}
					if (!segments.contains(segment)) {
						segments.add(segment);
					}
				}
				if (segments == null) {
					any.add(candidate);
				}
				else {
					for (String segment : segments) {
						bySegment.computeIfAbsent(segment, (key) -> new ArrayList<>()).add(candidate);
					}
				}
			}
			Map<String, Candidate[]> byFirstSegment = new HashMap<>();
			bySegment.forEach((segment, candidates) -> {
				candidates.addAll(any);
				byFirstSegment.put(segment, candidates.toArray(Candidate[]::new));
			});
			return new Index(Map.copyOf(byFirstSegment), any.toArray(Candidate[]::new));
		}

		/**
		 * The first segment of a pattern when it is plain text that only that same text
		 * matches ({@code "tasks"} of {@code /tasks/{id}}, {@code ""} of {@code /}), or
		 * {@code null} when it holds a variable, a wildcard or anything else a pattern
		 * parser reads as more than text.
		 */
		static @Nullable String literalFirstSegment(String pattern) {
			if (!pattern.startsWith("/")) {
				return null;
			}
			int end = pattern.indexOf('/', 1);
			String segment = pattern.substring(1, (end < 0) ? pattern.length() : end);
			for (int i = 0; i < segment.length(); i++) {
				char c = segment.charAt(i);
				if (!(Character.isLetterOrDigit(c) && c < 128) && c != '-' && c != '_' && c != '.') {
					return null;
				}
			}
			return segment;
		}

		/**
		 * The first segment of a request's path as the index holds it, or {@code null}
		 * when it is encoded or carries path parameters, which only Spring's own lookup
		 * reads as it should.
		 */
		static @Nullable String firstSegment(String lookupPath) {
			if (!lookupPath.startsWith("/")) {
				return null;
			}
			int end = lookupPath.indexOf('/', 1);
			String segment = lookupPath.substring(1, (end < 0) ? lookupPath.length() : end);
			return (segment.indexOf('%') >= 0 || segment.indexOf(';') >= 0) ? null : segment;
		}

		/**
		 * The one mapping that matches the request among those its path can reach, or
		 * {@code null} for none or several.
		 */
		@Nullable Indexed match(String lookupPath, HttpServletRequest request) {
			String segment = firstSegment(lookupPath);
			if (segment == null) {
				return null;
			}
			PathContainer path = ServletRequestPathUtils.getParsedRequestPath(request).pathWithinApplication();
			Indexed found = null;
			for (Candidate candidate : this.byFirstSegment.getOrDefault(segment, this.anyFirstSegment)) {
				Indexed match = tryMatch(candidate, path, request);
				if (match != null) {
					if (found != null) {
						return null;
					}
					found = match;
				}
			}
			return found;
		}

		private static @Nullable Indexed tryMatch(Candidate candidate, PathContainer path, HttpServletRequest request) {
			if (!candidate.pathMatches(path)) {
				return null;
			}
			RequestMappingInfo matching = candidate.info().getMatchingCondition(request);
			return (matching != null) ? new Indexed(matching, candidate.handlerMethod()) : null;
		}

	}

}
