package org.orrery.shell.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import javafx.geometry.Rectangle2D;
import org.junit.jupiter.api.Test;

class PanPathTest {

    private final Rectangle2D home = new Rectangle2D(-74.05, 40.6, 0.3, 0.2);
    private final PanPath path = new PanPath(home);

    @Test
    void startsOnTheWholeRegion() {
        Rectangle2D first = path.at(0);
        assertThat(first.getMinX()).isCloseTo(home.getMinX(), within(1e-12));
        assertThat(first.getMinY()).isCloseTo(home.getMinY(), within(1e-12));
        assertThat(first.getWidth()).isCloseTo(home.getWidth(), within(1e-12));
        assertThat(first.getHeight()).isCloseTo(home.getHeight(), within(1e-12));
    }

    @Test
    void zoomsInToASixteenthAndBackAboutEveryTwoSecondsKeepingTheRegionsShape() {
        double narrowest = Double.MAX_VALUE;
        int narrowestFrame = -1;
        for (int frame = 0; frame < 126; frame++) {
            Rectangle2D view = path.at(frame);
            assertThat(view.getWidth() / view.getHeight()).isCloseTo(home.getWidth() / home.getHeight(), within(1e-9));
            if (view.getWidth() < narrowest) {
                narrowest = view.getWidth();
                narrowestFrame = frame;
            }
        }
        assertThat(narrowest).isCloseTo(home.getWidth() / PanPath.DEEPEST_ZOOM, within(home.getWidth() * 1e-3));
        assertThat(narrowestFrame).isBetween(60, 66); // half of the 2 pi / 0.05 frames a zoom takes
        assertThat(path.at(126).getWidth()).isCloseTo(home.getWidth(), within(home.getWidth() * 0.01));
    }

    @Test
    void theCentreStaysWithinAnEighthOfTheRegionFromItsMiddle() {
        for (int frame = 0; frame < 2_000; frame++) {
            Rectangle2D view = path.at(frame);
            double dx = view.getMinX() + view.getWidth() / 2 - (home.getMinX() + home.getWidth() / 2);
            double dy = view.getMinY() + view.getHeight() / 2 - (home.getMinY() + home.getHeight() / 2);
            assertThat(Math.abs(dx)).isLessThanOrEqualTo(home.getWidth() / 8 + 1e-12);
            assertThat(Math.abs(dy)).isLessThanOrEqualTo(home.getHeight() / 8 + 1e-12);
        }
    }
}
