package org.orrery.servo.gl;

import org.orrery.servo.layout.FrameRaster;

/**
 * The point raster start-up chose, and why: the backend's name, what each backend cost per frame
 * on a trial frame (NaN if not tried), and the reason in words for the HUD and the log.
 */
public record RasterChoice(FrameRaster raster, String backend, double cpuMillis, double glMillis, String reason) {
}
