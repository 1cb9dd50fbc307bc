package org.tasktracker.caldav;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tasktracker.support.ApiUsers;
import org.tasktracker.support.Responses;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.ExchangeResult;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Real CalDAV clients against the service (issue 35): Debian's {@code vdirsyncer} syncing
 * the caller's calendars with a local folder both ways, and {@code todoman} creating,
 * completing, editing and deleting tasks in that folder, the result checked through the
 * API, and a change made through the API found in the folder after the next sync. Skipped
 * where the two are not installed ({@code .ci/run} installs them).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureRestTestClient
class CalDavRealClientsIntegrationTests {

	private static final String PASSWORD = "correct horse battery";

	private static final long TIMEOUT_SECONDS = 60;

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Autowired
	private RestTestClient client;

	@LocalServerPort
	private int port;

	@TempDir
	private Path folder;

	@BeforeAll
	static void clientsAreInstalled() {
		assumeTrue(onPath("vdirsyncer") && onPath("todoman"), "vdirsyncer and todoman are not installed");
	}

	@Test
	void vdirsyncerAndTodomanRoundTripTasksBothWays() throws Exception {
		String username = "real-" + ProcessHandle.current().pid() + "-" + System.nanoTime() % 1_000_000_000;
		assertThat(Responses.status(ApiUsers.send(this.client, "POST", "/users", "{\"username\": \"" + username
				+ "\", \"password\": \"" + PASSWORD + "\", \"timezone\": \"Europe/Berlin\"}", null)))
			.isEqualTo(201);
		String token = token(username);
		String bearer = "Bearer " + token;
		long fromApi = Responses.id(api(bearer, "POST", "/tasks", "{\"title\": \"Written in the API\"}"));
		configure(username, token);

		run("y\ny\ny\ny\n", "vdirsyncer", "discover");
		run("", "vdirsyncer", "sync");
		assertThat(folderText()).contains("SUMMARY:Written in the API");

		todoman("new", "-l", "inbox", "--due", "2026-12-24", "--location", "Corner shop", "Buy milk");
		todoman("new", "-l", "inbox", "Call mum");
		run("", "vdirsyncer", "sync");

		JsonNode milk = byTitle(bearer, "Buy milk");
		assertThat(milk.get("due").toString()).contains("2026-12-24");
		JsonNode mum = byTitle(bearer, "Call mum");

		todoman("done", todomanId("Buy milk"));
		todoman("edit", todomanId("Call mum"), "--priority", "high");
		todoman("delete", "--yes", todomanId("Written in the API"));
		run("", "vdirsyncer", "sync");

		assertThat(api(bearer, "GET", "/tasks/" + milk.get("id").longValue(), null).getResponseBodyContent())
			.asString(StandardCharsets.UTF_8)
			.contains("\"completed\":true");
		assertThat(Responses.json(api(bearer, "GET", "/tasks/" + mum.get("id").longValue(), null))
			.get("priority")
			.intValue()).isGreaterThan(1);
		assertThat(Responses.status(api(bearer, "GET", "/tasks/" + fromApi, null))).isEqualTo(404);

		assertThat(Responses
			.status(api(bearer, "PATCH", "/tasks/" + mum.get("id").longValue(), "{\"title\": \"Call mum tonight\"}")))
			.isEqualTo(200);
		api(bearer, "POST", "/tasks", "{\"title\": \"Also from the API\"}");
		run("", "vdirsyncer", "sync");
		assertThat(folderText()).contains("SUMMARY:Call mum tonight", "SUMMARY:Also from the API",
				"LOCATION:Corner shop");
		assertThat(folderText()).doesNotContain("SUMMARY:Written in the API");
	}

	private void configure(String username, String token) throws IOException {
		Files.createDirectories(this.folder.resolve("calendars"));
		Files.writeString(this.folder.resolve("vdirsyncer.conf"), """
				[general]
				status_path = "%1$s/status/"

				[pair tasks]
				a = "local"
				b = "remote"
				collections = ["from b"]
				conflict_resolution = "b wins"

				[storage local]
				type = "filesystem"
				path = "%1$s/calendars/"
				fileext = ".ics"

				[storage remote]
				type = "caldav"
				url = "http://localhost:%2$d/"
				username = "%3$s"
				password = "%4$s"
				item_types = ["VTODO"]
				""".formatted(this.folder, this.port, username, token));
		Files.writeString(this.folder.resolve("todoman.py"), """
				path = "%1$s/calendars/*"
				date_format = "%%Y-%%m-%%d"
				time_format = "%%H:%%M"
				cache_path = "%1$s/todoman.sqlite3"
				""".formatted(this.folder));
	}

	private String todomanId(String summary) throws Exception {
		for (JsonNode task : JSON.readTree(todoman("--porcelain", "list", "--status", "ANY"))) {
			if (task.get("summary").stringValue().equals(summary)) {
				return Long.toString(task.get("id").longValue());
			}
		}
		throw new AssertionError("todoman lists no " + summary);
	}

	private String todoman(String... arguments) throws Exception {
		List<String> command = new ArrayList<>(List.of("todoman", "-c", this.folder.resolve("todoman.py").toString()));
		command.addAll(Arrays.asList(arguments));
		return run("", command.toArray(String[]::new));
	}

	/** Runs a client to its end (at most a minute) and answers its output. */
	private String run(String input, String... command) throws Exception {
		File output = this.folder.resolve("output.txt").toFile();
		ProcessBuilder builder = new ProcessBuilder(command).directory(this.folder.toFile())
			.redirectErrorStream(true)
			.redirectOutput(output);
		Map<String, String> environment = builder.environment();
		environment.put("HOME", this.folder.toString());
		environment.put("XDG_CONFIG_HOME", this.folder.toString());
		environment.put("XDG_CACHE_HOME", this.folder.toString());
		environment.put("VDIRSYNCER_CONFIG", this.folder.resolve("vdirsyncer.conf").toString());
		environment.put("LC_ALL", "C.UTF-8");
		environment.put("TZ", "Europe/Berlin");
		Process process = builder.start();
		process.getOutputStream().write(input.getBytes(StandardCharsets.UTF_8));
		process.getOutputStream().close();
		boolean ended = process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS);
		if (!ended) {
			process.destroyForcibly();
		}
		String text = Files.readString(output.toPath());
		assertThat(ended).as("%s ended in time: %s", command[0], text).isTrue();
		assertThat(process.exitValue()).as("%s: %s", String.join(" ", command), text).isZero();
		return text;
	}

	private String folderText() throws IOException {
		StringBuilder text = new StringBuilder();
		try (Stream<Path> files = Files.walk(this.folder.resolve("calendars"))) {
			for (Path file : files.filter((path) -> path.toString().endsWith(".ics")).toList()) {
				text.append(Files.readString(file));
			}
		}
		return text.toString();
	}

	private JsonNode byTitle(String bearer, String title) {
		for (JsonNode task : Responses.json(api(bearer, "GET", "/tasks", null))) {
			if (task.get("title").stringValue().equals(title)) {
				return task;
			}
		}
		throw new AssertionError("The API has no task " + title);
	}

	private ExchangeResult api(String bearer, String method, String path, String body) {
		return ApiUsers.send(this.client, method, path, body, bearer);
	}

	private String token(String username) {
		ExchangeResult token = this.client.post()
			.uri("/tokens")
			.headers((headers) -> headers.setBasicAuth(username, PASSWORD))
			.contentType(MediaType.APPLICATION_JSON)
			.body("{\"name\": \"vdirsyncer\", \"scopes\": [\"tasks:write\"]}")
			.exchange()
			.returnResult();
		return Responses.json(token).get("token").stringValue();
	}

	private static boolean onPath(String program) {
		String path = System.getenv("PATH");
		return path != null && Arrays.stream(path.split(File.pathSeparator))
			.anyMatch((directory) -> Files.isExecutable(Path.of(directory, program)));
	}

}
