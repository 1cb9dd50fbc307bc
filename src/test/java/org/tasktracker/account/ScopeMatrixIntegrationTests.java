package org.tasktracker.account;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.ExchangeResult;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tasktracker.account.AccountFixtures.PASSWORD;
import static org.tasktracker.account.AccountFixtures.basic;
import static org.tasktracker.account.AccountFixtures.bearer;
import static org.tasktracker.account.AccountFixtures.uniqueUsername;
import static org.tasktracker.support.ProblemAssert.assertProblem;
import static org.tasktracker.support.Responses.body;
import static org.tasktracker.support.Responses.json;
import static org.tasktracker.support.Responses.status;

/**
 * A token acts within its scopes on every endpoint: each credential (a password, or a
 * token of one scope) of an admin and of a plain user, against each operation of the API
 * as its own OpenAPI document lists them, plus {@code HEAD} of each {@code GET} and the
 * Prometheus scrape. {@code AUTH_MODE=required} with closed registration, so nothing acts
 * as the local user, and no rate limit, so that the few hundred requests are judged on
 * access alone.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "tasktracker.auth.mode=required", "tasktracker.auth.registration=closed",
				"tasktracker.auth.admin-username=Matrix-Admin", "tasktracker.auth.admin-password=" + PASSWORD,
				"tasktracker.auth.rate-limit=0" })
@AutoConfigureRestTestClient
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ScopeMatrixIntegrationTests {

	private static final String ADMIN = "matrix-admin";

	private static final String ONLY_ADMINS_MANAGE_USERS = "Only an admin may manage users";

	private static final String ONLY_ADMINS_READ_METRICS = "Only an admin may read the metrics";

	private static final String NO_TOKEN_FROM_A_TOKEN = "A token cannot create tokens";

	/** What a request needs, per operation; tasks:write implies tasks:read. */
	private static final Rule READ = Rule.scope("tasks:read");

	private static final Rule WRITE = Rule.scope("tasks:write");

	private static final Rule MANAGE_USERS = Rule.adminWith("admin", ONLY_ADMINS_MANAGE_USERS);

	private static final Rule SCRAPE_METRICS = Rule.adminWith("metrics", ONLY_ADMINS_READ_METRICS);

	private static final Rule PASSWORD_ONLY = Rule.notByToken(NO_TOKEN_FROM_A_TOKEN);

	@Autowired
	private RestTestClient client;

	private Owner admin;

	private Owner plain;

	/** The rows of the matrix: every way of proving who one is, for both users. */
	private final List<Credential> credentials = new ArrayList<>();

	@BeforeAll
	void createUsersAndTokens() {
		this.admin = new Owner(ADMIN, true);
		String plainName = uniqueUsername("plain");
		ExchangeResult created = send("POST", "/users",
				"{\"username\": \"" + plainName + "\", \"password\": \"" + PASSWORD + "\"}", basic(ADMIN, PASSWORD));
		assertThat(status(created)).as(created.toString()).isEqualTo(201);
		this.plain = new Owner(plainName, false);
		for (Owner owner : List.of(this.admin, this.plain)) {
			this.credentials.add(new Credential(owner, null, basic(owner.username, PASSWORD)));
			List<String> scopes = owner.admin ? List.of("tasks:read", "tasks:write", "admin", "metrics")
					: List.of("tasks:read", "tasks:write");
			for (String scope : scopes) {
				this.credentials.add(new Credential(owner, scope, bearer(owner.newToken(scope).secret())));
			}
		}
		this.admin.writer = credentialOf(this.admin, "tasks:write").authorization;
		this.admin.manager = credentialOf(this.admin, "admin").authorization;
		this.plain.writer = credentialOf(this.plain, "tasks:write").authorization;
	}

	/**
	 * The expected access of every operation, and a request for it that succeeds when
	 * allowed. Operations the document lists and this table does not fail the matrix, so
	 * a new endpoint cannot go untested.
	 */
	private Map<String, Operation> table() {
		Map<String, Operation> table = new LinkedHashMap<>();
		table.put("GET /tasks", new Operation(READ, 200, (owner) -> Call.to("/tasks")));
		table.put("POST /tasks", new Operation(WRITE, 201, (owner) -> {
			String title = uniqueUsername("task");
			return Call.to("/tasks", "{\"title\": \"" + title + "\"}", () -> owner.read("/tasks?q=" + title));
		}));
		table.put("GET /tasks/{id}", new Operation(READ, 200, (owner) -> Call.to("/tasks/" + owner.task())));
		table.put("PATCH /tasks/{id}", new Operation(WRITE, 200,
				(owner) -> owner.changing("/tasks/" + owner.task(), "{\"title\": \"changed\", \"priority\": 4}")));
		table.put("DELETE /tasks/{id}",
				new Operation(WRITE, 204, (owner) -> owner.changing("/tasks/" + owner.task(), null)));
		table.put("POST /tasks/{id}/complete",
				new Operation(WRITE, 200, (owner) -> owner.changing("/tasks/" + owner.task(), null).at("/complete")));
		table.put("POST /tasks/{id}/reopen", new Operation(WRITE, 200,
				(owner) -> owner.changing("/tasks/" + owner.completedTask(), null).at("/reopen")));
		table.put("POST /tasks/{id}/move", new Operation(WRITE, 200,
				(owner) -> owner.changing("/tasks/" + owner.task(), "{\"after\": null}").at("/move")));
		table.put("GET /tasks/{id}/completions",
				new Operation(READ, 200, (owner) -> Call.to("/tasks/" + owner.task() + "/completions")));
		table.put("GET /sync", new Operation(READ, 200, (owner) -> Call.to("/sync")));
		table.put("GET /export", new Operation(READ, 200, (owner) -> Call.to("/export")));
		table.put("GET /export.ics", new Operation(READ, 200, (owner) -> Call.to("/export.ics")));
		table.put("POST /import", new Operation(WRITE, 201, (owner) -> {
			String title = uniqueUsername("imported");
			return Call.to("/import", "{\"format\": \"tasktracker-export\", \"version\": 1, \"tasks\": [{\"id\": 1, "
					+ "\"title\": \"" + title + "\"}]}", () -> owner.read("/tasks?q=" + title));
		}));
		table.put("GET /projects", new Operation(READ, 200, (owner) -> Call.to("/projects")));
		table.put("POST /projects", new Operation(WRITE, 201, (owner) -> Call.to("/projects",
				"{\"name\": \"" + uniqueUsername("project") + "\"}", () -> owner.read("/projects"))));
		table.put("GET /projects/{id}", new Operation(READ, 200, (owner) -> Call.to("/projects/" + owner.project())));
		table.put("PATCH /projects/{id}",
				new Operation(WRITE, 200, (owner) -> owner.changing("/projects/" + owner.project(),
						"{\"name\": \"" + uniqueUsername("renamed") + "\", \"archived\": true}")));
		table.put("DELETE /projects/{id}",
				new Operation(WRITE, 204, (owner) -> owner.changing("/projects/" + owner.project(), null)));
		table.put("GET /labels", new Operation(READ, 200, (owner) -> Call.to("/labels")));
		table.put("PATCH /labels/{name}", new Operation(WRITE, 200, (owner) -> Call.to("/labels/" + owner.label(),
				"{\"name\": \"" + uniqueUsername("relabel") + "\"}", () -> owner.read("/labels"))));
		table.put("DELETE /labels/{name}", new Operation(WRITE, 204,
				(owner) -> Call.to("/labels/" + owner.label(), null, () -> owner.read("/labels"))));
		table.put("GET /users/me", new Operation(READ, 200, (owner) -> Call.to("/users/me")));
		table.put("PATCH /users/me", new Operation(WRITE, 200, (owner) -> Call.to("/users/me",
				"{\"display_name\": \"" + uniqueUsername("name") + "\"}", () -> owner.read("/users/me"))));
		table.put("POST /users", new Operation(MANAGE_USERS, 201, (owner) -> {
			String username = uniqueUsername("made");
			return Call.to("/users", "{\"username\": \"" + username + "\", \"password\": \"" + PASSWORD + "\"}",
					() -> "exists: " + this.admin.usernames().contains(username));
		}));
		table.put("GET /users", new Operation(MANAGE_USERS, 200, (owner) -> Call.to("/users")));
		table.put("DELETE /users/{id}", new Operation(MANAGE_USERS, 204, (owner) -> {
			String victim = uniqueUsername("victim");
			long id = this.admin.createUser(victim);
			return Call.to("/users/" + id, null, () -> "exists: " + this.admin.usernames().contains(victim));
		}));
		table.put("GET /tokens", new Operation(READ, 200, (owner) -> Call.to("/tokens")));
		table.put("POST /tokens", new Operation(PASSWORD_ONLY, 201, (owner) -> Call.to("/tokens",
				"{\"name\": \"matrix\", \"scopes\": [\"tasks:read\"]}", owner::tokenIds)));
		table.put("DELETE /tokens/{id}", new Operation(WRITE, 204,
				(owner) -> Call.to("/tokens/" + owner.newToken("tasks:read").id(), null, owner::tokenIds)));
		// The Prometheus scrape is outside the OpenAPI document, so it is named here.
		table.put("GET /metrics", new Operation(SCRAPE_METRICS, 200, (owner) -> Call.to("/metrics")));
		return table;
	}

	@Test
	void everyCredentialActsWithinItsScopesOnEveryOperation() {
		Map<String, Operation> table = table();
		Set<String> operations = operations();
		List<String> mismatches = new ArrayList<>();
		operations.stream()
			.filter((operation) -> !table.containsKey(operation) && !table.containsKey(getOf(operation)))
			.forEach(
					(operation) -> mismatches.add(operation + ": documented, but not in the table of expected scopes"));
		table.keySet()
			.stream()
			.filter((operation) -> !operations.contains(operation))
			.forEach((operation) -> mismatches.add(operation + ": in the table, but not an operation of the service"));
		int cells = 0;
		for (String operation : operations) {
			Operation expected = table.getOrDefault(operation, table.get(getOf(operation)));
			if (expected == null) {
				continue;
			}
			for (Credential credential : this.credentials) {
				cells++;
				String mismatch = check(operation, expected, credential);
				if (mismatch != null) {
					mismatches.add(mismatch);
				}
			}
		}
		assertThat(mismatches)
			.as("cells of the %d x %d matrix that broke the rules", operations.size(), this.credentials.size())
			.isEmpty();
		// 23 operations in the document today, 8 HEADs, and the scrape with its HEAD.
		assertThat(operations).as("operations, HEAD included").hasSizeGreaterThanOrEqualTo(33);
		assertThat(cells).isEqualTo(operations.size() * this.credentials.size());
	}

	@Test
	void aPlainUserCannotGetATokenWithAnAdminScope() {
		String before = this.plain.tokenIds();
		for (String scope : List.of("admin", "metrics")) {
			ExchangeResult refused = send("POST", "/tokens",
					"{\"name\": \"reach\", \"scopes\": [\"tasks:read\", \"" + scope + "\"]}",
					basic(this.plain.username, PASSWORD));

			JsonNode problem = assertProblem(refused, 403, "/tokens");
			assertThat(problem.get("detail").stringValue()).isEqualTo("Only an admin may hold the " + scope + " scope");
			assertThat(refused.getResponseHeaders().getFirst(HttpHeaders.WWW_AUTHENTICATE)).isNull();
		}
		assertThat(this.plain.tokenIds()).as("tokens of the plain user").isEqualTo(before);
	}

	@Test
	void metricsWithoutCredentialsAskForAToken() {
		ExchangeResult response = send("GET", "/metrics", null, null);

		assertProblem(response, 401, "/metrics");
		assertThat(response.getResponseHeaders().getFirst(HttpHeaders.WWW_AUTHENTICATE))
			.isEqualTo("Bearer realm=\"tasktracker\"");
		assertThat(body(response)).doesNotContain("http_server_requests");
	}

	@Test
	void metricsAreForAnAdminOrAMetricsTokenOnly() {
		ExchangeResult plainPassword = send("GET", "/metrics", null, basic(this.plain.username, PASSWORD));
		assertThat(assertProblem(plainPassword, 403, "/metrics").get("detail").stringValue())
			.isEqualTo(ONLY_ADMINS_READ_METRICS);
		assertThat(plainPassword.getResponseHeaders().getFirst(HttpHeaders.WWW_AUTHENTICATE)).isNull();

		ExchangeResult readToken = send("GET", "/metrics", null, credentialOf(this.admin, "tasks:read").authorization);
		assertThat(assertProblem(readToken, 403, "/metrics").get("detail").stringValue()).contains("metrics");
		assertThat(readToken.getResponseHeaders().getFirst(HttpHeaders.WWW_AUTHENTICATE))
			.isEqualTo("Bearer error=\"insufficient_scope\", scope=\"metrics\"");

		for (String authorization : List.of(credentialOf(this.admin, "metrics").authorization,
				basic(ADMIN, PASSWORD))) {
			ExchangeResult scrape = send("GET", "/metrics", null, authorization);
			assertThat(status(scrape)).as(scrape.toString()).isEqualTo(200);
			assertThat(scrape.getResponseHeaders().getContentType()).isNotNull()
				.satisfies((type) -> assertThat(type.isCompatibleWith(MediaType.TEXT_PLAIN)).isTrue());
			assertThat(body(scrape)).contains("# TYPE http_server_requests_seconds ")
				.containsPattern("http_server_requests_seconds_count\\{[^}]*uri=\"/tasks\"");
		}
	}

	/**
	 * Sends one cell's request and compares what came back with what the rule says.
	 * @return what was wrong, or null
	 */
	private @Nullable String check(String operation, Operation expected, Credential credential) {
		String method = operation.substring(0, operation.indexOf(' '));
		boolean head = method.equals("HEAD");
		Expectation expectation = expected.rule.expectation(credential);
		String cell = operation + " as " + credential;
		try {
			Call call = expected.call.apply(credential.owner);
			String before = (expectation.allowed() || call.probe == null) ? null : call.probe.get();
			ExchangeResult response = send(method, call.path, call.body, credential.authorization);
			String wwwAuthenticate = response.getResponseHeaders().getFirst(HttpHeaders.WWW_AUTHENTICATE);
			String was = " but was " + status(response) + " " + Objects.toString(wwwAuthenticate, "") + " "
					+ abbreviated(body(response));
			if (expectation.allowed()) {
				if (status(response) != expected.success) {
					return cell + ": expected " + expected.success + was;
				}
				if (head && response.getResponseBodyContent() != null && response.getResponseBodyContent().length > 0) {
					return cell + ": a HEAD response with a body";
				}
				return null;
			}
			String header = (expectation.scope != null)
					? "Bearer error=\"insufficient_scope\", scope=\"" + expectation.scope + "\"" : null;
			String label = (expectation.scope != null) ? "insufficient_scope " + expectation.scope
					: "403 " + expectation.detail;
			if (status(response) != 403 || !Objects.equals(wwwAuthenticate, header)) {
				return cell + ": expected " + label + was;
			}
			if (!head) {
				String detail = assertProblem(response, 403, call.path).get("detail").stringValue();
				String needed = (expectation.scope != null) ? expectation.scope : expectation.detail;
				if (!detail.contains(needed)) {
					return cell + ": expected a detail naming \"" + needed + "\" but was \"" + detail + "\"";
				}
			}
			if (before != null && !before.equals(call.probe.get())) {
				return cell + ": refused, yet it changed something";
			}
			return null;
		}
		catch (AssertionError ex) {
			// The OpenAPI check of the client, or a problem's shape: the cell fails, the
			// rest still run.
			return cell + ": " + ex.getMessage().strip();
		}
	}

	/**
	 * The API's operations as its document lists them, the health checks aside, with a
	 * HEAD for each GET; and the Prometheus scrape, which the document leaves out.
	 */
	private Set<String> operations() {
		JsonNode paths = json(send("GET", "/openapi.json", null, null)).get("paths");
		Set<String> operations = new TreeSet<>();
		paths.properties().forEach((path) -> {
			if (!path.getKey().startsWith("/health")) {
				path.getValue().propertyNames().forEach((method) -> {
					operations.add(method.toUpperCase() + " " + path.getKey());
					if (method.equalsIgnoreCase("get")) {
						operations.add("HEAD " + path.getKey());
					}
				});
			}
		});
		assertThat(operations).as("the document's operations").isNotEmpty();
		operations.add("GET /metrics");
		operations.add("HEAD /metrics");
		return operations;
	}

	/** A HEAD is refused and allowed as the GET of the same path is. */
	private static String getOf(String operation) {
		return operation.startsWith("HEAD ") ? "GET " + operation.substring(5) : operation;
	}

	private Credential credentialOf(Owner owner, String scope) {
		return this.credentials.stream()
			.filter((credential) -> credential.owner == owner && scope.equals(credential.scope))
			.findFirst()
			.orElseThrow();
	}

	private ExchangeResult send(String method, String path, @Nullable String body, @Nullable String authorization) {
		RestTestClient.RequestBodySpec request = this.client.method(HttpMethod.valueOf(method)).uri(URI.create(path));
		if (authorization != null) {
			request.header(HttpHeaders.AUTHORIZATION, authorization);
		}
		if (body != null) {
			request.contentType(MediaType.APPLICATION_JSON).body(body);
		}
		return request.exchange().returnResult();
	}

	private static String abbreviated(String text) {
		return (text.length() > 200) ? text.substring(0, 200) + "..." : text;
	}

	/**
	 * A user of the matrix, and the objects of its own that its cells act on: each cell
	 * gets fresh ones, so that no cell depends on another.
	 */
	private final class Owner {

		private final String username;

		private final boolean admin;

		/** A tasks:write token, for making the objects cells act on and reading them. */
		private String writer;

		/** For the admin: a token with the admin scope, for managing users. */
		private String manager;

		Owner(String username, boolean admin) {
			this.username = username;
			this.admin = admin;
		}

		long task() {
			return created("/tasks", "{\"title\": \"fixture\"}").get("id").longValue();
		}

		long completedTask() {
			long id = task();
			ExchangeResult completed = send("POST", "/tasks/" + id + "/complete", null, this.writer);
			assertThat(status(completed)).as(completed.toString()).isEqualTo(200);
			return id;
		}

		long project() {
			return created("/projects", "{\"name\": \"" + uniqueUsername("project") + "\"}").get("id").longValue();
		}

		/** A label exists while a task carries it. */
		String label() {
			String label = uniqueUsername("label");
			created("/tasks", "{\"title\": \"labelled\", \"labels\": [\"" + label + "\"]}");
			return label;
		}

		/** A token made with the password, as only a password can make one. */
		Token newToken(String scope) {
			ExchangeResult response = send("POST", "/tokens",
					"{\"name\": \"matrix " + scope + "\", \"scopes\": [\"" + scope + "\"]}",
					basic(this.username, PASSWORD));
			assertThat(status(response)).as(response.toString()).isEqualTo(201);
			JsonNode token = json(response);
			return new Token(token.get("id").longValue(), token.get("token").stringValue());
		}

		/** The ids of the user's tokens: what making or revoking one changes. */
		String tokenIds() {
			List<Long> ids = new ArrayList<>();
			json(send("GET", "/tokens", null, this.writer)).forEach((token) -> ids.add(token.get("id").longValue()));
			return ids.toString();
		}

		long createUser(String username) {
			ExchangeResult response = send("POST", "/users",
					"{\"username\": \"" + username + "\", \"password\": \"" + PASSWORD + "\"}", this.manager);
			assertThat(status(response)).as(response.toString()).isEqualTo(201);
			return json(response).get("id").longValue();
		}

		Set<String> usernames() {
			Set<String> names = new TreeSet<>();
			json(send("GET", "/users", null, this.manager))
				.forEach((user) -> names.add(user.get("username").stringValue()));
			return names;
		}

		/**
		 * A call that changes the object at {@code path}, which a refusal leaves as it
		 * was.
		 */
		Call changing(String path, @Nullable String body) {
			return Call.to(path, body, () -> read(path));
		}

		String read(String path) {
			ExchangeResult response = send("GET", path, null, this.writer);
			assertThat(status(response)).as(response.toString()).isEqualTo(200);
			return body(response);
		}

		private JsonNode created(String path, String body) {
			ExchangeResult response = send("POST", path, body, this.writer);
			assertThat(status(response)).as(response.toString()).isEqualTo(201);
			return json(response);
		}

		@Override
		public String toString() {
			return this.admin ? "admin" : "plain user";
		}

	}

	/**
	 * A row of the matrix.
	 *
	 * @param scope the token's one scope, or null for the password
	 */
	private record Credential(Owner owner, @Nullable String scope, String authorization) {

		/**
		 * What a request with this credential may do: a token its scopes, tasks:write
		 * implying tasks:read.
		 */
		boolean grants(String needed) {
			return this.scope == null || this.scope.equals(needed)
					|| (needed.equals("tasks:read") && this.scope.equals("tasks:write"));
		}

		@Override
		public String toString() {
			return this.owner + ((this.scope != null) ? " with a " + this.scope + " token" : " with a password");
		}

	}

	/**
	 * Who may: a token needs {@code scope}; with {@code adminOnly} the user must be an
	 * admin; with {@code notByToken} no token may at all. A refusal of the account itself
	 * is worded {@code denial}.
	 */
	private record Rule(@Nullable String scope, boolean adminOnly, boolean notByToken, @Nullable String denial) {

		static Rule scope(String scope) {
			return new Rule(scope, false, false, null);
		}

		static Rule adminWith(String scope, String denial) {
			return new Rule(scope, true, false, denial);
		}

		static Rule notByToken(String denial) {
			return new Rule(null, false, true, denial);
		}

		/**
		 * The contract's order: who the user is comes first (a plain user is not told of
		 * a scope it can never hold), then what the token may do.
		 */
		Expectation expectation(Credential credential) {
			if (this.adminOnly && !credential.owner.admin) {
				return Expectation.denied(this.denial);
			}
			if (this.notByToken && credential.scope != null) {
				return Expectation.denied(this.denial);
			}
			if (this.scope != null && !credential.grants(this.scope)) {
				return Expectation.missing(this.scope);
			}
			return Expectation.ALLOWED;
		}

	}

	/**
	 * A cell's expected outcome: allowed; refused for a missing {@code scope} (403,
	 * {@code insufficient_scope}); or refused to the account in words ({@code detail},
	 * 403, no {@code WWW-Authenticate}).
	 */
	private record Expectation(boolean allowed, @Nullable String scope, @Nullable String detail) {

		static final Expectation ALLOWED = new Expectation(true, null, null);

		static Expectation missing(String scope) {
			return new Expectation(false, scope, null);
		}

		static Expectation denied(@Nullable String detail) {
			return new Expectation(false, null, detail);
		}

	}

	/**
	 * @param success the status of the call when allowed
	 * @param call the request, made for the owner of the credential
	 */
	private record Operation(Rule rule, int success, Function<Owner, Call> call) {
	}

	/**
	 * @param probe reads what the call would change, to hold a refusal to changing
	 * nothing; or null
	 */
	private record Call(String path, @Nullable String body, @Nullable Supplier<String> probe) {

		static Call to(String path) {
			return new Call(path, null, null);
		}

		static Call to(String path, @Nullable String body, @Nullable Supplier<String> probe) {
			return new Call(path, body, probe);
		}

		/** The same call to a sub-resource: {@code /tasks/7} then {@code /complete}. */
		Call at(String suffix) {
			return new Call(this.path + suffix, this.body, this.probe);
		}

	}

	private record Token(long id, String secret) {
	}

}
