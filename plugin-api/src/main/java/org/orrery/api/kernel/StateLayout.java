package org.orrery.api.kernel;

/**
 * How one item of a kernel's state is laid out: {@code lanes} values of {@code element}, packed
 * (for example {@code f32} x 4 for a particle's x, y, vx, vy). A grid kernel also names its
 * default width and height, and the largest it accepts; its item count is then width x height,
 * one item per cell, row after row.
 *
 * @param gridWidth the default width; 0 unless the state is a grid
 * @param gridHeight the default height; 0 unless the state is a grid
 * @param maxGridWidth the widest grid the kernel accepts; 0 unless the state is a grid
 * @param maxGridHeight the tallest grid the kernel accepts; 0 unless the state is a grid
 */
public record StateLayout(ElementType element, int lanes, int gridWidth, int gridHeight, int maxGridWidth,
                          int maxGridHeight) {

    /** An item layout that is not a grid. */
    public static StateLayout items(ElementType element, int lanes) {
        return new StateLayout(element, lanes, 0, 0, 0, 0);
    }

    /** Bytes per item. */
    public int stride() {
        return element.bytes() * lanes;
    }

    public boolean isGrid() {
        return gridWidth > 0;
    }

    /** Whether a grid kernel accepts a {@code width} x {@code height} grid. */
    public boolean acceptsGrid(int width, int height) {
        return isGrid() && width >= 1 && height >= 1 && width <= maxGridWidth && height <= maxGridHeight;
    }
}
