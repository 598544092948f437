package org.orrery.shell.run;

import javafx.geometry.Rectangle2D;

/**
 * The way {@code orrery run --pan} moves over a region of data, frame by frame: zooming from the
 * whole region in to a sixteenth of its width and back about every two seconds at 60 frames a
 * second, while the centre wanders up to an eighth of the region from the middle; like the
 * density benchmark's panning re-bins.
 */
final class PanPath {

    /** How far in the path zooms: the narrowest view is this many times narrower than the region. */
    static final double DEEPEST_ZOOM = 16;

    private final Rectangle2D home;

    /** @param home the region shown at frame 0, and at every turn of the zoom */
    PanPath(Rectangle2D home) {
        this.home = home;
    }

    /** The region shown at frame {@code frame}. */
    Rectangle2D at(long frame) {
        double zoom = 1 + (DEEPEST_ZOOM - 1) * (0.5 - 0.5 * Math.cos(frame * 0.05));
        double centreX = home.getMinX() + home.getWidth() / 2 + Math.sin(frame * 0.03) * home.getWidth() / 8;
        double centreY = home.getMinY() + home.getHeight() / 2 + Math.sin(frame * 0.04) * home.getHeight() / 8;
        double width = home.getWidth() / zoom;
        double height = home.getHeight() / zoom;
        return new Rectangle2D(centreX - width / 2, centreY - height / 2, width, height);
    }
}
