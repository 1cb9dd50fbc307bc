package org.tasktracker.account;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.tasktracker.web.FieldError;
import org.tasktracker.web.InvalidRequestException;
import org.tasktracker.web.TextRules;
import tools.jackson.databind.JsonNode;

/**
 * The rules for the bodies of {@code /users} and {@code /tokens}, applied to the parsed
 * JSON so that types stay strict and every broken rule is reported at once. Messages
 * never repeat a password.
 */
final class AccountRequests {

	static final int PASSWORD_MIN = 12;

	static final int PASSWORD_MAX = 256;

	static final int DISPLAY_NAME_MAX = 100;

	static final int TOKEN_NAME_MAX = 100;

	static final int EXPIRY_DAYS_MAX = 365;

	static final int EXPIRY_DAYS_DEFAULT = 90;

	private static final Pattern USERNAME = Pattern.compile("[a-z0-9._-]{3,64}");

	private static final Set<String> USER_READ_ONLY = Set.of("id", "created_at");

	private AccountRequests() {
	}

	/**
	 * Validates {@code POST /users}: {@code username} and {@code password} required;
	 * {@code display_name}, {@code timezone} and {@code admin} optional.
	 */
	static NewUser newUser(JsonNode body) {
		List<FieldError> errors = new ArrayList<>();
		unknownFields(body, Set.of("username", "password", "display_name", "timezone", "admin"), errors);
		String username = username(body.get("username"), errors);
		String password = password("password", body.get("password"), errors);
		String displayName = displayName(body.get("display_name"), errors);
		JsonNode timezoneNode = body.get("timezone");
		String timezone = (timezoneNode != null) ? timezone(timezoneNode, errors) : "UTC";
		boolean admin = false;
		JsonNode adminNode = body.get("admin");
		if (adminNode != null) {
			if (adminNode.isBoolean()) {
				admin = adminNode.booleanValue();
			}
			else {
				errors.add(new FieldError("admin", "must be a boolean"));
			}
		}
		throwIfAny(errors);
		return new NewUser(username, password, displayName, timezone, admin);
	}

	/**
	 * Validates {@code PATCH /users/me}: a merge patch of {@code display_name},
	 * {@code timezone} and {@code password}, which needs {@code current_password}.
	 */
	static UserPatch userPatch(JsonNode body) {
		List<FieldError> errors = new ArrayList<>();
		unknownFields(body, Set.of("display_name", "timezone", "password", "current_password"), errors);
		boolean setsDisplayName = body.has("display_name");
		String displayName = displayName(body.get("display_name"), errors);
		JsonNode timezoneNode = body.get("timezone");
		String timezone = (timezoneNode != null) ? timezone(timezoneNode, errors) : null;
		String password = null;
		String currentPassword = null;
		if (body.has("password")) {
			password = password("password", body.get("password"), errors);
			JsonNode current = body.get("current_password");
			if (current == null || current.isNull()) {
				errors.add(new FieldError("current_password", "is required to change the password"));
			}
			else if (!current.isString()) {
				errors.add(new FieldError("current_password", "must be a string"));
			}
			else {
				currentPassword = current.stringValue();
			}
		}
		else if (body.has("current_password")) {
			errors.add(new FieldError("current_password", "is only taken with password"));
		}
		throwIfAny(errors);
		return new UserPatch(setsDisplayName, displayName, timezone, password, currentPassword);
	}

	/**
	 * Validates {@code POST /tokens}: {@code name} and {@code scopes} required,
	 * {@code expires_in_days} optional.
	 */
	static NewToken newToken(JsonNode body) {
		List<FieldError> errors = new ArrayList<>();
		unknownFields(body, Set.of("name", "scopes", "expires_in_days"), errors);
		String name = null;
		JsonNode nameNode = body.get("name");
		if (nameNode == null || nameNode.isNull()) {
			errors.add(new FieldError("name", "is required"));
		}
		else if (!nameNode.isString()) {
			errors.add(new FieldError("name", "must be a string"));
		}
		else {
			name = TextRules.trim(nameNode.stringValue());
			String problem = TextRules.problem(name, TOKEN_NAME_MAX, true);
			if (problem == null && name.isEmpty()) {
				problem = "must not be blank";
			}
			if (problem != null) {
				errors.add(new FieldError("name", problem));
			}
		}
		Set<Scope> scopes = scopes(body.get("scopes"), errors);
		int days = EXPIRY_DAYS_DEFAULT;
		JsonNode daysNode = body.get("expires_in_days");
		if (daysNode != null) {
			if (!daysNode.isIntegralNumber() || !daysNode.canConvertToInt() || daysNode.intValue() < 1
					|| daysNode.intValue() > EXPIRY_DAYS_MAX) {
				errors.add(new FieldError("expires_in_days", "must be an integer from 1 to " + EXPIRY_DAYS_MAX));
			}
			else {
				days = daysNode.intValue();
			}
		}
		throwIfAny(errors);
		return new NewToken(name, scopes, days);
	}

	private static Set<Scope> scopes(@Nullable JsonNode node, List<FieldError> errors) {
		Set<Scope> scopes = new LinkedHashSet<>();
		if (node == null || node.isNull()) {
			errors.add(new FieldError("scopes", "is required"));
			return scopes;
		}
		if (!node.isArray() || node.isEmpty()) {
			errors
				.add(new FieldError("scopes", "must be a non-empty array of tasks:read, tasks:write, admin, metrics"));
			return scopes;
		}
		for (JsonNode element : node) {
			Scope scope = element.isString() ? Scope.of(element.stringValue()).orElse(null) : null;
			if (scope == null) {
				errors.add(new FieldError("scopes", "must hold only tasks:read, tasks:write, admin and metrics"));
				return scopes;
			}
			scopes.add(scope);
		}
		return scopes;
	}

	private static @Nullable String username(@Nullable JsonNode node, List<FieldError> errors) {
		if (node == null || node.isNull()) {
			errors.add(new FieldError("username", "is required"));
			return null;
		}
		if (!node.isString()) {
			errors.add(new FieldError("username", "must be a string"));
			return null;
		}
		String username = node.stringValue().toLowerCase(Locale.ROOT);
		// Checked as sent too: lower-casing makes a Kelvin sign (U+212A) a k.
		if (!USERNAME.matcher(username).matches() || !node.stringValue().chars().allMatch((c) -> c < 0x80)) {
			errors.add(new FieldError("username", "must be 3-64 characters of a-z, 0-9, '.', '_' and '-'"));
			return null;
		}
		if (Account.LOCAL_USERNAME.equals(username)) {
			errors.add(new FieldError("username", "is reserved"));
			return null;
		}
		return username;
	}

	private static @Nullable String password(String field, @Nullable JsonNode node, List<FieldError> errors) {
		if (node == null || node.isNull()) {
			errors.add(new FieldError(field, "is required"));
			return null;
		}
		if (!node.isString()) {
			errors.add(new FieldError(field, "must be a string"));
			return null;
		}
		String password = node.stringValue();
		int codePoints = password.codePointCount(0, password.length());
		String problem = TextRules.problem(password, PASSWORD_MAX, false);
		if (problem == null && codePoints < PASSWORD_MIN) {
			problem = "must be at least " + PASSWORD_MIN + " characters";
		}
		if (problem != null) {
			errors.add(new FieldError(field, problem));
			return null;
		}
		return password;
	}

	private static @Nullable String displayName(@Nullable JsonNode node, List<FieldError> errors) {
		if (node == null || node.isNull()) {
			return null;
		}
		if (!node.isString()) {
			errors.add(new FieldError("display_name", "must be a string or null"));
			return null;
		}
		String name = TextRules.trim(node.stringValue());
		String problem = TextRules.problem(name, DISPLAY_NAME_MAX, true);
		if (problem != null) {
			errors.add(new FieldError("display_name", problem));
			return null;
		}
		return name.isEmpty() ? null : name;
	}

	/** An IANA zone name, as {@link ZoneId} knows them: no bare offsets. */
	private static @Nullable String timezone(JsonNode node, List<FieldError> errors) {
		if (!node.isString() || !ZoneId.getAvailableZoneIds().contains(node.stringValue())) {
			errors.add(new FieldError("timezone", "must be an IANA time zone name, such as Europe/London"));
			return null;
		}
		return node.stringValue();
	}

	private static void unknownFields(JsonNode body, Set<String> known, List<FieldError> errors) {
		for (String name : body.propertyNames()) {
			if (!known.contains(name)) {
				errors
					.add(new FieldError(name, USER_READ_ONLY.contains(name) ? "is read-only" : "is not a known field"));
			}
		}
	}

	private static void throwIfAny(List<FieldError> errors) {
		if (!errors.isEmpty()) {
			throw new InvalidRequestException(errors);
		}
	}

}
