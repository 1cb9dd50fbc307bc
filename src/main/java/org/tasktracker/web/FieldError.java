package org.tasktracker.web;

/**
 * One rule a request broke, as it appears in a problem response's {@code errors} array.
 *
 * @param field the JSON field, query parameter or path variable at fault
 * @param message what is wrong with it, in words a client can show
 */
public record FieldError(String field, String message) {
}
