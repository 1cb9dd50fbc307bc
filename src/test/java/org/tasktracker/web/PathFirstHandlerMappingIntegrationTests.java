package org.tasktracker.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.ServletRequestPathUtils;
import org.springframework.web.util.pattern.PathPattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The index of {@link PathFirstHandlerMapping} chooses what Spring's own lookup chooses:
 * for a request made from every path pattern of the service, with each method and with
 * each media type its mapping names, and for paths no mapping has.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureRestTestClient
class PathFirstHandlerMappingIntegrationTests {

	@Autowired
	@Qualifier("requestMappingHandlerMapping")
	private RequestMappingHandlerMapping mapping;

	@Test
	void everyRequestTheIndexAnswersIsAnsweredAsSpringWould() throws Exception {
		PathFirstHandlerMapping mapping = (PathFirstHandlerMapping) this.mapping;
		PathFirstHandlerMapping.Index index = mapping.index();
		assertThat(index).isNotNull();
		List<MockHttpServletRequest> requests = requests(mapping.getHandlerMethods());
		int answered = 0;
		for (MockHttpServletRequest request : requests) {
			PathFirstHandlerMapping.Indexed indexed = index.match(request.getRequestURI(), parsed(request));
			if (indexed == null) {
				continue;
			}
			answered++;
			HandlerMethod springs = springsChoice(mapping, copy(request));
			assertThat(indexed.handlerMethod())
				.as("%s %s %s", request.getMethod(), request.getRequestURI(), request.getHeader("Accept"))
				.isEqualTo(springs);
		}
		// Most requests made from a mapping's own path find exactly that mapping; the
		// rest (a path two mappings share) go to Spring's lookup.
		assertThat(answered).isGreaterThan(requests.size() / 2);
	}

	@Test
	void pathsThatNoMappingHasAreLeftToSpring() throws Exception {
		PathFirstHandlerMapping mapping = (PathFirstHandlerMapping) this.mapping;
		PathFirstHandlerMapping.Index index = mapping.index();
		assertThat(index).isNotNull();
		for (String path : List.of("/nothing", "/tasks/1/nothing", "/", "//tasks", "/tas%6Bs/1",
				"/tasks;x=1/1/complete", "/TASKS/1/complete")) {
			MockHttpServletRequest request = new MockHttpServletRequest("POST", path);
			assertThat(index.match(path, parsed(request))).as(path).isNull();
		}
	}

	@Test
	void theFirstSegmentOfAPatternIsIndexedOnlyWhenOnlyThatTextMatchesIt() {
		assertThat(PathFirstHandlerMapping.Index.literalFirstSegment("/tasks/{id}/complete")).isEqualTo("tasks");
		assertThat(PathFirstHandlerMapping.Index.literalFirstSegment("/export.ics")).isEqualTo("export.ics");
		assertThat(PathFirstHandlerMapping.Index.literalFirstSegment("/")).isEmpty();
		assertThat(PathFirstHandlerMapping.Index.literalFirstSegment("/{id}")).isNull();
		assertThat(PathFirstHandlerMapping.Index.literalFirstSegment("/**")).isNull();
		assertThat(PathFirstHandlerMapping.Index.literalFirstSegment("/task*")).isNull();
		assertThat(PathFirstHandlerMapping.Index.literalFirstSegment("/t?sks")).isNull();
		assertThat(PathFirstHandlerMapping.Index.literalFirstSegment("")).isNull();
		assertThat(PathFirstHandlerMapping.Index.firstSegment("/tasks/1")).isEqualTo("tasks");
		assertThat(PathFirstHandlerMapping.Index.firstSegment("/tas%6Bs/1")).isNull();
		assertThat(PathFirstHandlerMapping.Index.firstSegment("/tasks;a=b/1")).isNull();
	}

	private static @Nullable HandlerMethod springsChoice(PathFirstHandlerMapping mapping,
			MockHttpServletRequest request) {
		try {
			return mapping.lookupWithoutIndex(request.getRequestURI(), parsed(request));
		}
		catch (Exception ex) {
			return null;
		}
	}

	private static MockHttpServletRequest parsed(MockHttpServletRequest request) {
		ServletRequestPathUtils.parseAndCache(request);
		return request;
	}

	private static MockHttpServletRequest copy(MockHttpServletRequest request) {
		MockHttpServletRequest copy = new MockHttpServletRequest(request.getMethod(), request.getRequestURI());
		for (String name : List.of("Accept", "Content-Type")) {
			if (request.getHeader(name) != null) {
				copy.addHeader(name, request.getHeader(name));
			}
		}
		if (request.getContentType() != null) {
			copy.setContentType(request.getContentType());
		}
		return copy;
	}

	/** Requests for each pattern, method and named media type of each mapping. */
	private static List<MockHttpServletRequest> requests(Map<RequestMappingInfo, HandlerMethod> handlerMethods) {
		List<MockHttpServletRequest> requests = new ArrayList<>();
		for (RequestMappingInfo info : handlerMethods.keySet()) {
			Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
			List<String> names = methods.isEmpty() ? List.of("GET", "POST", "PROPFIND")
					: methods.stream().map(RequestMethod::name).toList();
			List<@Nullable String> accepts = new ArrayList<>();
			accepts.add(null);
			info.getProducesCondition().getProducibleMediaTypes().forEach((type) -> accepts.add(type.toString()));
			accepts.add("text/html");
			List<@Nullable String> contentTypes = new ArrayList<>();
			contentTypes.add(null);
			info.getConsumesCondition().getConsumableMediaTypes().forEach((type) -> contentTypes.add(type.toString()));
			for (PathPattern pattern : info.getPathPatternsCondition().getPatterns()) {
				String path = samplePath(pattern.getPatternString());
				for (String method : names) {
					for (String accept : accepts) {
						for (String contentType : contentTypes) {
							MockHttpServletRequest request = new MockHttpServletRequest(method, path);
							if (accept != null) {
								request.addHeader("Accept", accept);
							}
							if (contentType != null) {
								request.setContentType(contentType);
								request.addHeader("Content-Type", contentType);
							}
							requests.add(request);
						}
					}
				}
			}
		}
		requests.add(new MockHttpServletRequest("GET", "/tasks"));
		requests.add(withAccept(new MockHttpServletRequest("GET", "/tasks/12"), MediaType.APPLICATION_JSON_VALUE));
		return requests;
	}

	private static MockHttpServletRequest withAccept(MockHttpServletRequest request, String accept) {
		request.addHeader("Accept", accept);
		return request;
	}

	/** A path that the pattern matches: each variable and wildcard given a value. */
	private static String samplePath(String pattern) {
		String path = pattern.replaceAll("\\{\\*[^}]+\\}", "a/b")
			.replaceAll("\\{[^}]+\\}", "7")
			.replace("**", "a/b")
			.replace("*", "x")
			.replace("?", "x");
		return path.isEmpty() ? "/" : path;
	}

}
