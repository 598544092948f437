package org.orrery.servo.gl;

/**
 * What start-up chose to lay out or raster a view with, and why.
 *
 * @param chosen the layout or raster to use
 * @param backend its name: {@code cpu}, {@code gl} or {@code gl-pipelined}
 * @param reason in words, with each backend's cost per frame on the trial frame where they were
 *     measured, for the HUD and the log
 */
public record BackendChoice<T>(T chosen, String backend, String reason) {
}
