package org.tasktracker.task;

import org.jspecify.annotations.Nullable;

import org.springframework.core.MethodParameter;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyAdvice;

/**
 * Sends the {@code ETag} of every response that carries one task or project (create,
 * read, change, complete, reopen, move, and replays of them), in one place rather than at
 * each operation. Error bodies are problems, never tasks, so only successes get one.
 */
@RestControllerAdvice(assignableTypes = { TaskController.class, ProjectController.class })
class EntityTagAdvice implements ResponseBodyAdvice<Object> {

	@Override
	public boolean supports(MethodParameter returnType, Class<? extends HttpMessageConverter<?>> converterType) {
		return true;
	}

	@Override
	public @Nullable Object beforeBodyWrite(@Nullable Object body, MethodParameter returnType,
			MediaType selectedContentType, Class<? extends HttpMessageConverter<?>> selectedConverterType,
			ServerHttpRequest request, ServerHttpResponse response) {
		if (body instanceof Task task) {
			response.getHeaders().setETag(task.etag());
		}
		else if (body instanceof Project project) {
			response.getHeaders().setETag(project.etag());
		}
		return body;
	}

}
