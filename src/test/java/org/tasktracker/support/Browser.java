package org.tasktracker.support;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven through its own ChromeDriver: nothing is downloaded.
 * Where either is missing (they are Debian packages, which {@code .ci/run} installs), the
 * browser tests are skipped, not failed.
 */
public final class Browser implements AutoCloseable {

	private static final File CHROMIUM = new File("/usr/bin/chromium");

	private static final File CHROMEDRIVER = new File("/usr/bin/chromedriver");

	private static final Duration POLL = Duration.ofMillis(20);

	/** Drags the first element onto the second, below its middle, as a mouse would. */
	private static final String DRAG = """
			const [from, onto] = arguments;
			const data = new DataTransfer();
			const box = onto.getBoundingClientRect();
			const at = { bubbles: true, cancelable: true, dataTransfer: data,
			             clientX: box.left + box.width / 2, clientY: box.top + box.height * 0.75 };
			from.dispatchEvent(new DragEvent('dragstart', at));
			onto.dispatchEvent(new DragEvent('dragenter', at));
			onto.dispatchEvent(new DragEvent('dragover', at));
			onto.dispatchEvent(new DragEvent('drop', at));
			from.dispatchEvent(new DragEvent('dragend', at));
			""";

	private final ChromeDriver driver;

	private final Path profile;

	/** What {@link #preloadAxe} registered, if it did and the test has not ended. */
	private @Nullable String axePreload;

	private Browser(ChromeDriver driver, Path profile) {
		this.driver = driver;
		this.profile = profile;
	}

	/** A new browser with an empty profile, as wide as a laptop's screen. */
	public static Browser start() {
		return start(new String[0]);
	}

	/**
	 * A new browser as {@link #start()} makes it, with more command-line arguments: for
	 * instance a mouse (headless Chromium has none, so {@code (hover: none)} holds).
	 */
	public static Browser start(String... arguments) {
		Assumptions.assumeTrue(CHROMIUM.canExecute() && CHROMEDRIVER.canExecute(),
				"Debian's chromium and chromium-driver are not installed");
		// No Selenium Manager: it would look for a browser and a driver to download.
		System.setProperty("SE_AVOID_STATS", "true");
		try {
			Path profile = Files.createTempDirectory("tasktracker-chromium");
			ChromeOptions options = new ChromeOptions();
			options.setBinary(CHROMIUM);
			// Chromium's own connections are refused on a closed network; these keep
			// it from trying.
			options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
					"--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
					"--disable-sync", "--window-size=1280,900", "--user-data-dir=" + profile);
			options.addArguments(arguments);
			ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER)
				.usingAnyFreePort()
				.build();
			return new Browser(new ChromeDriver(service, options), profile);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * axe-core's script, from npm's global packages ({@code npm install -g axe-core},
	 * which {@code .ci/run} does); the test is skipped without it.
	 */
	public static String axeScript() {
		List<Path> candidates = new ArrayList<>();
		try {
			Process npm = new ProcessBuilder("npm", "root", "-g").redirectErrorStream(true).start();
			String root = new String(npm.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)
				.strip();
			if (npm.waitFor() == 0 && !root.isEmpty()) {
				candidates.add(Path.of(root, "axe-core", "axe.min.js"));
			}
		}
		catch (IOException ex) {
			// no npm: the usual places below
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		candidates.add(Path.of("/usr/lib/node_modules/axe-core/axe.min.js"));
		candidates.add(Path.of("/usr/local/lib/node_modules/axe-core/axe.min.js"));
		Path found = candidates.stream().filter(Files::isReadable).findFirst().orElse(null);
		Assumptions.assumeTrue(found != null, "axe-core is not installed (npm install -g axe-core)");
		try {
			return Files.readString(found);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Runs axe on the page in the browser and answers each violation of serious or
	 * critical impact as "rule: target (summary)".
	 */
	@SuppressWarnings("unchecked")
	public static List<String> seriousViolations(Browser browser, String axe) {
		browser.preloadAxe(axe);
		Object result = browser.driver()
			.executeAsyncScript(
					"""
							const done = arguments[arguments.length - 1];
							axe.run(document, { resultTypes: ['violations'] }).then((results) => done(results.violations
							    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
							    .flatMap((v) => v.nodes.map((n) => v.id + ': ' + n.target.join(' ') + ' (' + n.failureSummary + ')'))));
							""");
		return (List<String>) result;
	}

	public ChromeDriver driver() {
		return this.driver;
	}

	/**
	 * Makes axe's script part of every page this browser opens until
	 * {@link #forgetAxe()}, and of the page open now. Sending the script with each check
	 * cost more than the check (docs/testing.md); a page that has it costs a little more
	 * to open, so a test's pages have it only from its first check on.
	 */
	private void preloadAxe(String axe) {
		if (this.axePreload == null) {
			this.axePreload = (String) this.driver
				.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", axe))
				.get("identifier");
		}
		if (!Boolean.TRUE.equals(this.driver.executeScript("return typeof window.axe !== 'undefined'"))) {
			this.driver.executeScript(axe);
		}
	}

	/**
	 * The pages opened from now on are without axe's script again: for the extension that
	 * shares this browser between a class's tests, after each test.
	 */
	public void forgetAxe() {
		if (this.axePreload != null) {
			this.driver.executeCdpCommand("Page.removeScriptToEvaluateOnNewDocument",
					Map.of("identifier", this.axePreload));
			this.axePreload = null;
		}
	}

	public WebElement find(String css) {
		return this.driver.findElement(By.cssSelector(css));
	}

	/**
	 * Opens an app page and waits until it can be used: its heading is there, and htmx
	 * and the page's script have run (the keys are bound then).
	 */
	public void openApp(String url) {
		this.driver.get(url);
		await((driver) -> driver.findElement(By.tagName("h1")));
		await((driver) -> this.driver.executeScript("return window.htmx !== undefined"));
	}

	/**
	 * Waits up to 10 s for the condition to hold (non-null and not false). An element
	 * that htmx swapped out while the condition read it is read again, not a failure. The
	 * condition is read every 20 ms, not Selenium's default 500 ms: most answers take a
	 * few milliseconds, and the browser tests make thousands of such waits.
	 */
	public <T> T await(Function<WebDriver, T> condition) {
		return new WebDriverWait(this.driver, Duration.ofSeconds(10), POLL)
			.ignoring(StaleElementReferenceException.class)
			.until(condition);
	}

	/**
	 * Drags {@code from} onto {@code onto}, below its middle, with the HTML5 drag events
	 * dispatched as the browser would: Selenium's own drag does not fire them in Chrome.
	 */
	public void drag(WebElement from, WebElement onto) {
		this.driver.executeScript(DRAG, from, onto);
	}

	/**
	 * A key to whatever has the focus, as a person types it: no element is looked up,
	 * which an answer swapped in meanwhile would leave stale.
	 */
	public void key(CharSequence key) {
		new Actions(this.driver).sendKeys(key).perform();
	}

	/**
	 * Alt and a key, such as an arrow, to whatever has the focus, as {@link #key} does.
	 */
	public void altKey(Keys key) {
		new Actions(this.driver).keyDown(Keys.ALT).sendKeys(key).keyUp(Keys.ALT).perform();
	}

	/**
	 * Marks the page, so that a full reload (which would lose the mark) shows in
	 * {@link #samePage()}.
	 */
	public void markPage() {
		this.driver.executeScript("window.__samePage = true");
	}

	/** Whether the page is still the one {@link #markPage()} marked. */
	public boolean samePage() {
		return Boolean.TRUE.equals(this.driver.executeScript("return window.__samePage === true"));
	}

	/**
	 * The errors (level SEVERE and above) in the browser's console since it was last
	 * read: reading it empties it.
	 */
	public List<String> consoleErrors() {
		return this.driver.manage()
			.logs()
			.get(LogType.BROWSER)
			.getAll()
			.stream()
			.filter((entry) -> entry.getLevel().intValue() >= java.util.logging.Level.SEVERE.intValue())
			.map(Object::toString)
			.toList();
	}

	/**
	 * Runs an action that makes an htmx request, waits for the request to end and prints
	 * its time ({@code TIMING}): from sending the request to the first byte of the answer
	 * (the server's part, over loopback), and the whole with any redirect.
	 */
	public void timed(String what, Runnable action) {
		this.driver.executeScript("performance.clearResourceTimings()");
		action.run();
		@SuppressWarnings("unchecked")
		Map<String, Object> timing = await((driver) -> (Map<String, Object>) this.driver.executeScript("""
				const entries = performance.getEntriesByType('resource')
				    .filter((e) => e.initiatorType === 'xmlhttprequest' && e.responseEnd > 0);
				if (entries.length === 0) return null;
				const last = entries[entries.length - 1];
				return { server: Math.round(last.responseStart - last.requestStart),
				         whole: Math.round(last.responseEnd - last.startTime) };
				"""));
		System.out.printf("TIMING %s: server %s ms, whole %s ms%n", what, timing.get("server"), timing.get("whole"));
	}

	/**
	 * Runs an action that makes htmx requests and answers, once they have ended, the
	 * server's part of the time (request sent to first byte) of those whose address holds
	 * {@code path}, summed.
	 */
	public long serverTime(Runnable action, String path) {
		this.driver.executeScript("performance.clearResourceTimings()");
		action.run();
		return await((driver) -> (Long) this.driver.executeScript(
				"""
						const entries = performance.getEntriesByType('resource')
						    .filter((e) => e.initiatorType === 'xmlhttprequest' && e.responseEnd > 0 && e.name.includes(arguments[0]));
						if (entries.length === 0) return null;
						return Math.round(entries.reduce((sum, e) => sum + e.responseStart - e.requestStart, 0));
						""",
				path));
	}

	@Override
	public void close() {
		this.driver.quit();
		try (var files = Files.walk(this.profile)) {
			files.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
		}
		catch (IOException ex) {
			// a leftover temporary profile is harmless
		}
	}

}
