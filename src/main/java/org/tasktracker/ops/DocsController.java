package org.tasktracker.ops;

import io.swagger.v3.oas.annotations.Hidden;
import org.tasktracker.web.WithoutDatabase;

import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * The interactive API page at {@code /docs}, answered with the page itself as FastAPI
 * answers it (contract v1) rather than springdoc's redirect to swagger-ui's own page,
 * whose files are named relative to {@code /swagger-ui/}: this page names them from the
 * root, and swagger-ui's initializer (which springdoc writes) points it at
 * {@code /openapi.json}.
 */
@Controller
@Hidden
class DocsController {

	private static final String PAGE = """
			<!DOCTYPE html>
			<html lang="en">
			<head>
			<meta charset="UTF-8">
			<title>TaskTracker API</title>
			<link rel="stylesheet" type="text/css" href="/swagger-ui/swagger-ui.css">
			<link rel="stylesheet" type="text/css" href="/swagger-ui/index.css">
			</head>
			<body>
			<div id="swagger-ui"></div>
			<script src="/swagger-ui/swagger-ui-bundle.js" charset="UTF-8"></script>
			<script src="/swagger-ui/swagger-ui-standalone-preset.js" charset="UTF-8"></script>
			<script src="/swagger-ui/swagger-initializer.js" charset="UTF-8"></script>
			</body>
			</html>
			""";

	@GetMapping(path = "/docs", produces = MediaType.TEXT_HTML_VALUE)
	@WithoutDatabase
	@ResponseBody
	String docs() {
		return PAGE;
	}

}
