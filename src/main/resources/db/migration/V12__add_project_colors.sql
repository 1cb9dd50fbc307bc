-- A colour per project, as Todoist and CalDAV calendars (Apple's calendar-color) have:
-- '#rrggbb' in lower case, or NULL for the UI's default. Adding a nullable column without
-- a default rewrites nothing, so this is instant on any table size.
ALTER TABLE projects ADD COLUMN color text CHECK (color ~ '^#[0-9a-f]{6}$');
