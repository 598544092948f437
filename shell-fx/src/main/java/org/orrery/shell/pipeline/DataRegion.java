package org.orrery.shell.pipeline;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import javafx.geometry.Rectangle2D;
import org.orrery.api.kernel.KernelDescriptor;
import org.orrery.api.kernel.ParameterSpec;
import org.orrery.plugins.density.PointTable;
import org.orrery.servo.interaction.DataViewControls;

/**
 * The region of data a kernel of points (density) shows: which of its parameters hold the
 * region's edges, and the region that shows every point of a table.
 */
public final class DataRegion {

    private DataRegion() {
    }

    /** The parameters a kernel of points takes as the region it shows, if it has them all. */
    public static Optional<DataViewControls.RegionParameters> edges(KernelDescriptor descriptor) {
        List<String> names = descriptor.parameters().stream().map(ParameterSpec::name).toList();
        int[] at = {names.indexOf("xMin"), names.indexOf("xMax"), names.indexOf("yMin"), names.indexOf("yMax")};
        return PluginPipeline.takesPoints(descriptor) && Arrays.stream(at).allMatch(i -> i >= 0)
                ? Optional.of(new DataViewControls.RegionParameters(at[0], at[1], at[2], at[3])) : Optional.empty();
    }

    /** The region that {@code values}, a kernel's parameters, hold at {@code edges}. */
    public static Rectangle2D held(DataViewControls.RegionParameters edges, double[] values) {
        return new Rectangle2D(values[edges.xMin()], values[edges.yMin()], values[edges.xMax()] - values[edges.xMin()],
                values[edges.yMax()] - values[edges.yMin()]);
    }

    /**
     * The region that shows all of the points: their bounds and a thousandth of their extent more
     * on each side. The kernel keeps a point on the region's left and top edges but not on its right
     * and bottom ones, so the bounds alone would lose the points that make them.
     */
    public static Rectangle2D home(PointTable.Bounds bounds) {
        double padX = margin(bounds.xMin(), bounds.xMax());
        double padY = margin(bounds.yMin(), bounds.yMax());
        return new Rectangle2D(bounds.xMin() - padX, bounds.yMin() - padY,
                bounds.xMax() - bounds.xMin() + 2 * padX, bounds.yMax() - bounds.yMin() + 2 * padY);
    }

    private static double margin(double min, double max) {
        // Points all on one line still get a region with some width.
        return Math.max((max - min) * 1e-3, Math.max(Math.abs(min), Math.abs(max)) * 1e-6 + 1e-9);
    }
}
