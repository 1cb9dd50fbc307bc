package org.tasktracker.caldav;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link DavXml}'s reading: no DOCTYPE, no entity, no nesting past the limit. */
class DavXmlUnitTests {

	@Test
	void readsNamespacedElementsAndAnEmptyBody() throws Exception {
		assertThat(DavXml.parse(body(""))).isNull();
		assertThat(DavXml.is(DavXml.parse(body("<d:propfind xmlns:d=\"DAV:\"/>")), DavXml.DAV, "propfind")).isTrue();
	}

	@Test
	void refusesADoctypeWithOrWithoutEntities() {
		for (String xml : new String[] { "<!DOCTYPE x><x/>",
				"<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/hostname\">]><x>&e;</x>",
				"<!DOCTYPE x [<!ENTITY a \"a\"><!ENTITY b \"&a;&a;\">]><x>&b;</x>", "<x>&undeclared;</x>", "<x>",
				"not xml" }) {
			assertThatThrownBy(() -> DavXml.parse(body(xml))).as(xml).isInstanceOf(DavXml.MalformedXmlException.class);
		}
	}

	@Test
	void refusesNestingDeeperThanTheLimit() throws Exception {
		int allowed = DavXml.MAX_DEPTH;
		assertThat(DavXml.parse(body("<x>".repeat(allowed) + "</x>".repeat(allowed)))).isNotNull();
		assertThatThrownBy(() -> DavXml.parse(body("<x>".repeat(allowed + 1) + "</x>".repeat(allowed + 1))))
			.isInstanceOf(DavXml.MalformedXmlException.class);
	}

	private static ByteArrayInputStream body(String xml) {
		return new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8));
	}

	@Test
	void textOutsideXmlsCharactersBecomesTheReplacementCharacter() {
		assertThat(DavXml.text("a\uFFFEb\uFFFFc\u0001d\uD800e")).isEqualTo("a\uFFFDb\uFFFDc\uFFFDd\uFFFDe");
		assertThat(DavXml.text("tab\tline\ncr\r \uD83D\uDE00 \uFFFD")).as("as it is")
			.isEqualTo("tab\tline\ncr\r \uD83D\uDE00 \uFFFD");
	}

}
