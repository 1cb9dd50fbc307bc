package org.tasktracker.task;

import java.util.List;

import org.springframework.stereotype.Component;

/**
 * The colours the web UI offers for a project, by name, as templates read them
 * ({@code @projectColors.palette}). Todoist's own colours, so that a project moved from
 * there looks the same; the API takes any {@code #rrggbb} (a CalDAV client may send one
 * of its own), and the pages draw that one as well.
 */
@Component("projectColors")
public class ProjectColors {

	private static final List<Swatch> PALETTE = List.of(new Swatch("Berry red", "#b8256f"),
			new Swatch("Red", "#db4035"), new Swatch("Orange", "#ff9933"), new Swatch("Yellow", "#fad000"),
			new Swatch("Olive green", "#afb83b"), new Swatch("Lime green", "#7ecc49"), new Swatch("Green", "#299438"),
			new Swatch("Mint green", "#6accbc"), new Swatch("Teal", "#158fad"), new Swatch("Sky blue", "#14aaf5"),
			new Swatch("Blue", "#4073ff"), new Swatch("Grape", "#884dff"), new Swatch("Violet", "#af38eb"),
			new Swatch("Magenta", "#e05194"), new Swatch("Salmon", "#ff8d85"), new Swatch("Charcoal", "#808080"),
			new Swatch("Taupe", "#ccac93"));

	public List<Swatch> palette() {
		return PALETTE;
	}

	/**
	 * One colour on offer: its name, which is also its accessible name, and its value.
	 */
	public record Swatch(String name, String hex) {
	}

}
