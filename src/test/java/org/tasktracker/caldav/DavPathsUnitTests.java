package org.tasktracker.caldav;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link DavPaths}: what each path names, and nothing for paths of other shapes. */
class DavPathsUnitTests {

	@Test
	void namesEachKindOfResource() {
		assertThat(DavPaths.parse("/dav")).isEqualTo(new DavPaths.Root());
		assertThat(DavPaths.parse("/dav/")).isEqualTo(new DavPaths.Root());
		assertThat(DavPaths.parse("/dav/principals/ann/")).isEqualTo(new DavPaths.Principal("ann"));
		assertThat(DavPaths.parse("/dav/calendars/ann/")).isEqualTo(new DavPaths.Home("ann"));
		assertThat(DavPaths.parse("/dav/calendars/ann/inbox/")).isEqualTo(new DavPaths.Calendar("ann", null));
		assertThat(DavPaths.parse("/dav/calendars/ann/42/")).isEqualTo(new DavPaths.Calendar("ann", 42L));
		assertThat(DavPaths.parse("/dav/calendars/ann/42/task-7@tasktracker.ics"))
			.isEqualTo(new DavPaths.Resource(new DavPaths.Calendar("ann", 42L), "task-7@tasktracker.ics"));
		assertThat(DavPaths.parse("/dav/calendars/ann/inbox/task-7%40tasktracker.ics"))
			.isEqualTo(new DavPaths.Resource(new DavPaths.Calendar("ann", null), "task-7@tasktracker.ics"));
	}

	@Test
	void anythingElseIsUnknown() {
		for (String path : new String[] { "/davx", "/dav/x/", "/dav/principals/", "/dav/calendars/ann/042/",
				"/dav/calendars/ann/Work/", "/dav/calendars/ann/99999999999999999999/", "/dav//calendars/ann/",
				"/dav/calendars/ann/inbox/a.ics/", "/dav/calendars/ann/inbox/a.ics/more", "/dav/principals/%zz/" }) {
			assertThat(DavPaths.parse(path)).as(path).isEqualTo(new DavPaths.Unknown());
		}
	}

	@Test
	void onlyNamesOfTheDerivedUidsAreTasks() {
		assertThat(DavPaths.taskId("task-7@tasktracker.ics")).hasValue(7);
		assertThat(DavPaths.taskId("task-7@elsewhere.ics")).isEmpty();
		assertThat(DavPaths.taskId("2f1c.ics")).isEmpty();
		assertThat(DavPaths.taskId("task-1234567890123456789@tasktracker.ics")).as("past a long").isEmpty();
	}

	@Test
	void writesHrefsThatParseBack() {
		String href = DavPaths.resource("ann", 42L, 7);

		assertThat(href).isEqualTo("/dav/calendars/ann/42/task-7@tasktracker.ics");
		assertThat(DavPaths.parse(href)).isInstanceOf(DavPaths.Resource.class);
		assertThat(DavPaths.calendar("ann", null)).isEqualTo("/dav/calendars/ann/inbox/");
	}

}
