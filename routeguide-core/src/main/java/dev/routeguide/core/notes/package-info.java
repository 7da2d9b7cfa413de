/**
 * RouteChat notes: {@link dev.routeguide.core.notes.RouteNote}, the
 * {@link dev.routeguide.core.notes.NoteBoard} that stores them and its live-delivery sessions.
 *
 * <p>Null policy: no method accepts or returns {@code null} unless its javadoc says so; a null
 * argument raises {@link NullPointerException} whose message is the parameter's name.
 */
package dev.routeguide.core.notes;
