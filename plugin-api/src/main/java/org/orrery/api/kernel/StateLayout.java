package org.orrery.api.kernel;

/**
 * How one item of a kernel's state is laid out: {@code lanes} values of {@code element}, packed
 * (for example {@code f32} x 4 for a particle's x, y, vx, vy). A grid kernel also names its width
 * and height; its item count is then width x height, one item per cell.
 *
 * @param gridWidth 0 unless the state is a grid
 * @param gridHeight 0 unless the state is a grid
 */
public record StateLayout(ElementType element, int lanes, int gridWidth, int gridHeight) {

    /** Bytes per item. */
    public int stride() {
        return element.bytes() * lanes;
    }

    public boolean isGrid() {
        return gridWidth > 0;
    }
}
