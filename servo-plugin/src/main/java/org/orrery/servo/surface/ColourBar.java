package org.orrery.servo.surface;

import java.lang.foreign.MemorySegment;
import java.util.Objects;
import javafx.scene.control.Label;
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelWriter;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.Region;
import javafx.scene.shape.Line;
import org.orrery.servo.colour.ColourBarTicks;
import org.orrery.servo.colour.ColourMap;
import org.orrery.servo.layout.LayoutFrame;

/**
 * A vertical colour bar beside a view: the colour map, high values at the top, with the ticks the
 * layout stage chose for the frame on screen and the unit above. Tick labels change at most
 * {@value #LABEL_UPDATES_PER_SECOND} times a second: a range that moves every frame (an automatic
 * range over a changing field) would otherwise be unreadable, and would allocate new text every
 * pulse.
 */
public final class ColourBar extends Region {

    static final int LABEL_UPDATES_PER_SECOND = 4;
    private static final long LABEL_INTERVAL_NANOS = 1_000_000_000L / LABEL_UPDATES_PER_SECOND;
    private static final double BAR_WIDTH = 16;
    private static final double TICK_LENGTH = 5;
    private static final double GAP = 4;
    private static final double UNIT_HEIGHT = 20;

    private final ImageView gradient = new ImageView();
    private final Label unit = new Label();
    private final Label[] labels = new Label[ColourBarTicks.MAX_TICKS];
    private final Line[] marks = new Line[ColourBarTicks.MAX_TICKS];
    private final double[] positions = new double[ColourBarTicks.MAX_TICKS];
    private final double[] values = new double[ColourBarTicks.MAX_TICKS];
    private int ticks;
    private long labelsChangedAt = Long.MIN_VALUE / 2;

    public ColourBar(ColourMap map, String unitText) {
        getStyleClass().add("colour-bar");
        setId("colour-bar");
        unit.setText(Objects.requireNonNull(unitText, "unitText"));
        unit.getStyleClass().add("colour-bar-unit");
        getChildren().addAll(gradient, unit);
        for (int i = 0; i < labels.length; i++) {
            labels[i] = new Label();
            labels[i].getStyleClass().add("colour-bar-tick");
            labels[i].setVisible(false);
            marks[i] = new Line();
            marks[i].getStyleClass().add("colour-bar-mark");
            marks[i].setVisible(false);
            getChildren().addAll(marks[i], labels[i]);
        }
        setMap(map);
        setMinWidth(72);
        setPrefWidth(88);
    }

    /** Shows another colour map. */
    public void setMap(ColourMap map) {
        WritableImage image = new WritableImage(1, ColourMap.SIZE);
        PixelWriter writer = image.getPixelWriter();
        for (int i = 0; i < ColourMap.SIZE; i++) {
            writer.setArgb(0, ColourMap.SIZE - 1 - i, map.pixel(i));
        }
        gradient.setImage(image);
        gradient.setPreserveRatio(false);
        gradient.setSmooth(true);
    }

    /**
     * Takes the ticks of the layout frame in {@code slot}, now on screen. FX thread. Allocates only
     * when the tick values change, and then at most {@value #LABEL_UPDATES_PER_SECOND} times a second.
     */
    public void show(MemorySegment slot, long nowNanos) {
        int count = LayoutFrame.ticks(slot);
        if (sameTicks(slot, count) || nowNanos - labelsChangedAt < LABEL_INTERVAL_NANOS) {
            return;
        }
        labelsChangedAt = nowNanos;
        ticks = count;
        for (int i = 0; i < labels.length; i++) {
            boolean shown = i < count;
            if (shown) {
                positions[i] = LayoutFrame.tickPosition(slot, i);
                values[i] = LayoutFrame.tickValue(slot, i);
                labels[i].setText(ValueText.of(values[i]));
            }
            labels[i].setVisible(shown);
            marks[i].setVisible(shown);
        }
        requestLayout();
    }

    private boolean sameTicks(MemorySegment slot, int count) {
        if (count != ticks) {
            return false;
        }
        for (int i = 0; i < count; i++) {
            if (LayoutFrame.tickValue(slot, i) != values[i] || LayoutFrame.tickPosition(slot, i) != positions[i]) {
                return false;
            }
        }
        return true;
    }

    public int tickCount() {
        return ticks;
    }

    @Override
    public String getUserAgentStylesheet() {
        return GpuSurface.class.getResource("servo.css").toExternalForm();
    }

    @Override
    protected void layoutChildren() {
        double top = UNIT_HEIGHT;
        double barHeight = Math.max(1, getHeight() - top - 10);
        unit.resizeRelocate(0, 0, getWidth(), UNIT_HEIGHT);
        gradient.setFitWidth(BAR_WIDTH);
        gradient.setFitHeight(barHeight);
        gradient.relocate(0, top);
        for (int i = 0; i < ticks; i++) {
            double y = top + (1 - positions[i]) * barHeight;
            marks[i].setStartX(BAR_WIDTH);
            marks[i].setEndX(BAR_WIDTH + TICK_LENGTH);
            marks[i].setStartY(y);
            marks[i].setEndY(y);
            Label label = labels[i];
            double h = label.prefHeight(-1);
            label.resizeRelocate(BAR_WIDTH + TICK_LENGTH + GAP, y - h / 2, label.prefWidth(-1), h);
        }
    }
}
