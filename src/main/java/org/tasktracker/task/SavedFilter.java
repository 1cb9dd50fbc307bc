package org.tasktracker.task;

/**
 * A search of the web UI's search box, saved under a name and listed in the sidebar.
 *
 * @param id its id, among its owner's
 * @param name the name, unique per owner in any case
 * @param query the search box's text, run when the filter is opened
 */
record SavedFilter(long id, String name, String query) {
}
