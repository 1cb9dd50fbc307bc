package org.tasktracker.account;

import org.jspecify.annotations.Nullable;

/**
 * A validated merge patch of one's own user.
 *
 * @param setsDisplayName whether {@code display_name} was given (null clears it)
 * @param displayName the new display name
 * @param timezone the new zone, or null to leave it
 * @param password the new password, or null to leave it
 * @param currentPassword the password now, required with {@code password}
 */
record UserPatch(boolean setsDisplayName, @Nullable String displayName, @Nullable String timezone,
		@Nullable String password, @Nullable String currentPassword) {

	@Override
	public String toString() {
		return "UserPatch[setsDisplayName=" + this.setsDisplayName + ", timezone=" + this.timezone + "]";
	}

}
