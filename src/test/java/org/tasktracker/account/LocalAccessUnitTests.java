package org.tasktracker.account;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.mock.web.MockHttpServletRequest;

import static org.assertj.core.api.Assertions.assertThat;

/** The contract's rules for requests without credentials, one at a time. */
class LocalAccessUnitTests {

	@Test
	void aPlainRequestOnLoopbackActsAsTheLocalUser() {
		assertThat(LocalAccess.refusal(AuthMode.LOCAL, request("127.0.0.1", "localhost:8000"))).isNull();
		assertThat(LocalAccess.refusal(AuthMode.LOCAL, request("::1", "[::1]:8000"))).isNull();
		assertThat(LocalAccess.refusal(AuthMode.LOCAL, request("127.0.0.1", "127.0.0.1"))).isNull();
		assertThat(LocalAccess.refusal(AuthMode.LOCAL, request("127.5.6.7", "127.1.2.3:1"))).isNull();
		assertThat(LocalAccess.refusal(AuthMode.LOCAL, request("0:0:0:0:0:0:0:1", "LOCALHOST:8000"))).isNull();
	}

	@ParameterizedTest
	@ValueSource(strings = { "10.0.0.7", "192.168.1.2", "172.17.0.1", "fe80::1", "::ffff:10.0.0.1", "", "localhost" })
	void aRequestFromAnotherAddressDoesNot(String peer) {
		assertThat(LocalAccess.refusal(AuthMode.LOCAL, request(peer, "localhost:8000"))).isNotNull();
	}

	@ParameterizedTest
	@ValueSource(strings = { "Forwarded", "X-Forwarded-For", "X-Real-IP" })
	void aRequestThroughAProxyDoesNot(String header) {
		MockHttpServletRequest request = request("127.0.0.1", "localhost:8000");
		request.addHeader(header, "203.0.113.9");

		assertThat(LocalAccess.refusal(AuthMode.LOCAL, request)).contains("proxy");
	}

	@ParameterizedTest
	@ValueSource(strings = { "evil.example", "evil.example:8000", "localhost.evil.example", "127.0.0.1.nip.io",
			"[::2]:8000", "127.0.0.1:80:80", "127.0.0.1:port", "localhost:", "[::1", "0.0.0.0:8000", "1.2.3.4" })
	void aRequestNamingAnotherHostDoesNot(String host) {
		assertThat(LocalAccess.refusal(AuthMode.LOCAL, request("127.0.0.1", host))).as(host).isNotNull();
	}

	@Test
	void aRequestWithoutHostDoesNot() {
		assertThat(LocalAccess.refusal(AuthMode.LOCAL, request("127.0.0.1", null))).isNotNull();
	}

	@ParameterizedTest
	@CsvSource({ "http://evil.example, localhost:8000", "http://localhost:9000, localhost:8000",
			"https://localhost:8000, localhost:8000", "null, localhost:8000", "http://127.0.0.1:8000, localhost:8000" })
	void aRequestFromAnotherOriginDoesNot(String origin, String host) {
		MockHttpServletRequest request = request("127.0.0.1", host);
		request.addHeader("Origin", origin);

		assertThat(LocalAccess.refusal(AuthMode.LOCAL, request)).isNotNull();
		assertThat(LocalAccess.refusal(AuthMode.OFF, request)).isNotNull();
	}

	@ParameterizedTest
	@CsvSource({ "http://localhost:8000, localhost:8000", "http://localhost, localhost",
			"http://127.0.0.1:8000, 127.0.0.1:8000", "http://[::1]:8000, [::1]:8000" })
	void aRequestFromItsOwnOriginDoes(String origin, String host) {
		MockHttpServletRequest request = request("127.0.0.1", host);
		request.addHeader("Origin", origin);

		assertThat(LocalAccess.refusal(AuthMode.LOCAL, request)).isNull();
	}

	@ParameterizedTest
	@CsvSource({ "cross-site, false", "same-site, false", "same-origin, true", "none, true" })
	void fetchMetadataDecidesAsTheContractSays(String site, boolean allowed) {
		MockHttpServletRequest request = request("127.0.0.1", "localhost:8000");
		request.addHeader("Sec-Fetch-Site", site);

		assertThat(LocalAccess.refusal(AuthMode.LOCAL, request) == null).isEqualTo(allowed);
	}

	@Test
	void aSecondOriginOrFetchSiteOfAnotherSiteIsHeardToo() {
		MockHttpServletRequest origins = request("127.0.0.1", "localhost:8000");
		origins.addHeader("Origin", "http://localhost:8000");
		origins.addHeader("Origin", "http://evil.example");
		assertThat(LocalAccess.refusal(AuthMode.LOCAL, origins)).isNotNull();

		MockHttpServletRequest sites = request("127.0.0.1", "localhost:8000");
		sites.addHeader("Sec-Fetch-Site", "same-origin");
		sites.addHeader("Sec-Fetch-Site", "cross-site");
		assertThat(LocalAccess.refusal(AuthMode.LOCAL, sites)).isNotNull();
	}

	@Test
	void offActsAsTheLocalUserFromAnyAddressButNotForOtherSites() {
		MockHttpServletRequest remote = request("203.0.113.9", "tasks.example.org");
		remote.addHeader("X-Forwarded-For", "198.51.100.1");
		assertThat(LocalAccess.refusal(AuthMode.OFF, remote)).isNull();

		remote.addHeader("Sec-Fetch-Site", "cross-site");
		assertThat(LocalAccess.refusal(AuthMode.OFF, remote)).isNotNull();
	}

	@Test
	void requiredNeverActsAsTheLocalUser() {
		assertThat(LocalAccess.refusal(AuthMode.REQUIRED, request("127.0.0.1", "localhost:8000"))).isNotNull();
	}

	private static MockHttpServletRequest request(String peer, String host) {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/tasks");
		request.setRemoteAddr(peer);
		request.removeHeader("Host");
		if (host != null) {
			request.addHeader("Host", host);
		}
		return request;
	}

}
