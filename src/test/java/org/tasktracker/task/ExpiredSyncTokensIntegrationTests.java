package org.tasktracker.task;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.tasktracker.support.ApiUsers;
import org.tasktracker.support.Responses;
import org.tasktracker.task.published.ChangeFeed;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.ExchangeResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A change feed token older than deletions are kept, as the published {@link ChangeFeed}
 * refuses it and as CalDAV's {@code sync-collection} then answers (403
 * {@code DAV:valid-sync-token}, RFC 6578, 3.2). Here, beside {@link SyncToken}, because
 * only the task feature can make such a token.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureRestTestClient
class ExpiredSyncTokensIntegrationTests {

	@Autowired
	private org.springframework.test.web.servlet.client.RestTestClient client;

	@Autowired
	private SyncRepository repository;

	@Autowired
	private ChangeFeed feed;

	@Test
	void theFeedAndSyncCollectionRefuseATokenOlderThanTheTombstones() {
		String bearer = ApiUsers.newUserBearer(this.client, "expired", "UTC");
		JsonNode me = Responses.json(ApiUsers.send(this.client, "GET", "/users/me", null, bearer));
		long owner = me.get("id").longValue();
		long monthsAgo = System.currentTimeMillis() - 31L * 24 * 3600 * 1000;
		String old = SyncToken.caughtUp(owner, "1000:1000:", monthsAgo).encode(this.repository.tokenKey());

		assertThatThrownBy(() -> this.feed.read(owner, old, 10)).isInstanceOf(ChangeFeed.TokenRefusedException.class)
			.satisfies((refusal) -> assertThat(((ChangeFeed.TokenRefusedException) refusal).expired()).isTrue());
		assertThatThrownBy(() -> this.feed.read(owner + 1, this.feed.current(owner), 10)).as("another user's token")
			.isInstanceOf(ChangeFeed.TokenRefusedException.class)
			.satisfies((refusal) -> assertThat(((ChangeFeed.TokenRefusedException) refusal).expired()).isFalse());

		String basic = "Basic " + Base64.getEncoder()
			.encodeToString((me.get("username").stringValue() + ":" + bearer.substring("Bearer ".length()))
				.getBytes(StandardCharsets.UTF_8));
		ExchangeResult report = this.client.method(HttpMethod.valueOf("REPORT"))
			.uri(URI.create("/dav/calendars/" + me.get("username").stringValue() + "/inbox/"))
			.header(HttpHeaders.AUTHORIZATION, basic)
			.header("Depth", "1")
			.contentType(MediaType.APPLICATION_XML)
			.body("<d:sync-collection xmlns:d=\"DAV:\"><d:sync-token>urn:x-tasktracker:sync:" + old
					+ "</d:sync-token><d:sync-level>1</d:sync-level><d:prop><d:getetag/></d:prop></d:sync-collection>")
			.exchange()
			.returnResult();

		assertThat(Responses.status(report)).isEqualTo(403);
		assertThat(Responses.body(report)).contains("valid-sync-token");
	}

}
