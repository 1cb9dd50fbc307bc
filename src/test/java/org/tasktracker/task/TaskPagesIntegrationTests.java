package org.tasktracker.task;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.tasktracker.support.PageSession;
import org.tasktracker.support.Responses;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.ExchangeResult;
import org.springframework.test.web.servlet.client.RestTestClient;
import org.springframework.web.util.UriUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tasktracker.support.Responses.status;

/**
 * The web UI in the default {@code AUTH_MODE=local}, over plain HTTP: on loopback the
 * local user needs no sign-in, and the contract's rules keep other sites' pages and
 * rebound or forwarded requests out, as they do for the API.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureRestTestClient
class TaskPagesIntegrationTests {

	@Autowired
	private RestTestClient client;

	@org.springframework.boot.test.web.server.LocalServerPort
	private int port;

	@Test
	void theRootLeadsToTheApp() {
		ExchangeResult root = this.client.get().uri("/").exchange().returnResult();

		assertThat(status(root)).isEqualTo(302);
		assertThat(root.getResponseHeaders().getLocation()).hasPath("/app");
	}

	@Test
	void theLocalUserOpensTheAppWithoutSigningInOnLoopback() {
		ExchangeResult page = this.client.get().uri("/app").exchange().returnResult();

		assertThat(status(page)).isEqualTo(200);
		assertThat(page.getResponseHeaders().getContentType().isCompatibleWith(MediaType.TEXT_HTML)).isTrue();
		assertThat(body(page)).contains("<h1>Today</h1>", "<span>local</span>").doesNotContain("Sign out");
	}

	/**
	 * Issue 32: in {@code local} mode the sign-in form was out of reach on this machine,
	 * so nobody could use another account here. The local user gets the form, the
	 * session's account wins, and signing out goes back to local.
	 */
	@Test
	void theLocalUserSignsInAsAnotherAccountOnThisMachineAndSignsOutBackToLocal() {
		String username = "here-" + Long.toString(System.nanoTime() % 1_000_000, 36);
		ExchangeResult created = this.client.post()
			.uri("/users")
			.contentType(MediaType.APPLICATION_JSON)
			.body("{\"username\": \"" + username + "\", \"password\": \"another long passphrase\"}")
			.exchange()
			.returnResult();
		assertThat(status(created)).isEqualTo(201);
		PageSession browser = PageSession.anonymous(this.port);

		assertThat(browser.get("/app/today").body()).contains("Sign in as another user").doesNotContain("Sign out");
		HttpResponse<String> form = browser.get("/login");
		assertThat(form.statusCode()).isEqualTo(200);
		assertThat(form.body()).contains("you are the user <strong>local</strong> without signing in",
				"name=\"password\"");

		assertThat(browser.signIn(username, "another long passphrase")).endsWith("/app");
		String asThem = browser.get("/app/today").body();
		assertThat(asThem).contains(username, "Sign out").doesNotContain("Sign in as another user");
		assertThat(browser.get("/login").headers().firstValue("Location"))
			.hasValueSatisfying((location) -> assertThat(location).endsWith("/app"));

		browser.post("/logout", Map.of());
		assertThat(browser.get("/app/today").body()).contains("Sign in as another user").doesNotContain(username);
	}

	@Test
	void aPageAskedForByAnotherSiteOrThroughAnotherNameOrAProxyNeedsSignIn() {
		String[][] refusals = { { "Sec-Fetch-Site", "cross-site" }, { "Origin", "http://evil.example" },
				{ "X-Forwarded-For", "203.0.113.9" } };
		for (String[] header : refusals) {
			ExchangeResult page = this.client.get().uri("/app").header(header[0], header[1]).exchange().returnResult();

			assertThat(status(page)).as(header[0]).isEqualTo(302);
			assertThat(page.getResponseHeaders().getLocation()).as(header[0]).hasPath("/login");
		}
	}

	@Test
	void aPageAskedForUnderARebindingHostNameNeedsSignIn() throws Exception {
		// Raw, because the JDK's HTTP client will not send another Host header.
		try (java.net.Socket socket = new java.net.Socket("127.0.0.1", this.port)) {
			socket.getOutputStream()
				.write("GET /app HTTP/1.1\r\nHost: evil.example:%d\r\nConnection: close\r\n\r\n".formatted(this.port)
					.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
			String response = new String(socket.getInputStream().readAllBytes(),
					java.nio.charset.StandardCharsets.UTF_8);

			assertThat(response).startsWith("HTTP/1.1 302").containsPattern("(?i)location: [^\\r]*/login\\r");
		}
	}

	@Test
	void aMissingOrMalformedPageIdIsAPageNotAProblem() {
		ExchangeResult missing = this.client.get().uri("/app/projects/999999999").exchange().returnResult();
		ExchangeResult malformed = this.client.get().uri("/app/projects/abc").exchange().returnResult();

		assertThat(status(missing)).isEqualTo(404);
		assertThat(body(missing)).contains("<h1>Not found</h1>");
		assertThat(status(malformed)).isEqualTo(400);
		assertThat(body(malformed)).contains("<h1>Bad request</h1>").doesNotContain("Exception", "java.");
	}

	@Test
	void aSearchTermOverTheLimitIsRefusedWithWords() {
		ExchangeResult page = this.client.get().uri("/app/search?q=" + "x".repeat(201)).exchange().returnResult();

		assertThat(status(page)).isEqualTo(200);
		assertThat(body(page)).contains("A search term is at most 200 characters long.");
	}

	/**
	 * A label that holds characters with a meaning in paths: the sidebar links its page,
	 * and the page's forms rename and remove it, each with the name encoded as one
	 * segment ({@code ;} too, which Thymeleaf's own path variables leave raw).
	 */
	@Test
	void aLabelWithPathCharactersIsOpenedRenamedAndRemovedThroughItsPages() {
		String label = "Ui/;%?#é " + System.nanoTime() % 100_000;
		String renamed = label + "/2";
		String page = "/app/labels/" + encoded(label.toLowerCase(java.util.Locale.ROOT));
		String renamedPage = "/app/labels/" + encoded(renamed.toLowerCase(java.util.Locale.ROOT));
		long id = Responses.id(this.client.post()
			.uri("/tasks")
			.contentType(MediaType.APPLICATION_JSON)
			.body("{\"title\": \"Labelled\", \"labels\": [\"" + label + "\"]}")
			.exchange()
			.returnResult());

		assertThat(body(get("/app", null))).contains("href=\"" + page + "\"");
		ExchangeResult opened = get(page, null);
		assertThat(status(opened)).isEqualTo(200);
		assertThat(body(opened)).contains("<h1>@" + label + "</h1>", "action=\"" + page + "/rename\"",
				"action=\"" + page + "/delete\"");
		String session = opened.getResponseHeaders().getFirst(HttpHeaders.SET_COOKIE).split(";")[0];

		ExchangeResult rename = post(page + "/rename", "name=" + encoded(renamed), session, opened);
		assertThat(status(rename)).isEqualTo(302);
		assertThat(rename.getResponseHeaders().getLocation().getRawPath()).isEqualTo(renamedPage);
		ExchangeResult renamedView = get(renamedPage, session);
		assertThat(body(renamedView)).contains("<h1>@" + renamed + "</h1>", "Renamed to @" + renamed + ".");
		assertThat(task(id).get("labels").get(0).stringValue()).isEqualTo(renamed);

		ExchangeResult question = get(renamedPage + "/delete", session);
		assertThat(body(question)).contains("action=\"" + renamedPage + "/delete\"");
		ExchangeResult delete = post(renamedPage + "/delete", "confirmed=true", session, question);
		assertThat(delete.getResponseHeaders().getLocation()).hasPath("/app/inbox");
		assertThat(task(id).get("labels")).isEmpty();
		assertThat(status(get(renamedPage, session))).isEqualTo(404);
	}

	@Test
	void anEncodedTraversalInALabelPageStaysALabelPage() {
		ExchangeResult page = get("/app/labels/x%2F..%2F..%2Fsettings", null);

		assertThat(status(page)).isEqualTo(404);
		assertThat(body(page)).contains("<h1>Not found</h1>").doesNotContain("Display name");
	}

	@Test
	void thePagesStayOutOfTheOpenApiDocument() {
		String document = body(this.client.get().uri("/openapi.json").exchange().returnResult());

		assertThat(document).contains("\"/tasks\":{").doesNotContain("\"/app", "\"/login\":{", "\"/\":{");
	}

	private ExchangeResult get(String path, String session) {
		return this.client.get().uri(Responses.raw(path)).headers((headers) -> {
			if (session != null) {
				headers.add(HttpHeaders.COOKIE, session);
			}
		}).exchange().returnResult();
	}

	/** A form post with the CSRF token of the page it is sent from. */
	private ExchangeResult post(String path, String form, String session, ExchangeResult from) {
		String csrf = body(from).replaceAll("(?s).*name=\"_csrf\" value=\"([^\"]+)\".*", "$1");
		return this.client.post()
			.uri(Responses.raw(path))
			.header(HttpHeaders.COOKIE, session)
			.contentType(MediaType.APPLICATION_FORM_URLENCODED)
			.body(form + (form.isEmpty() ? "" : "&") + "_csrf=" + encoded(csrf))
			.exchange()
			.returnResult();
	}

	private JsonNode task(long id) {
		return Responses.json(this.client.get().uri("/tasks/" + id).exchange().returnResult());
	}

	private static String encoded(String text) {
		return UriUtils.encode(text, StandardCharsets.UTF_8);
	}

	private static String body(ExchangeResult result) {
		return new String(result.getResponseBodyContent(), java.nio.charset.StandardCharsets.UTF_8);
	}

}
