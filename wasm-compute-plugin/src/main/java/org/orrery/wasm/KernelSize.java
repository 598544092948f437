package org.orrery.wasm;

import org.orrery.api.kernel.KernelDescriptor;

/**
 * How many items one run of a kernel has: a count, or for a grid kernel a width and height
 * (one item per cell, row after row).
 *
 * @param gridWidth 0 unless a grid
 * @param gridHeight 0 unless a grid
 */
public record KernelSize(int items, int gridWidth, int gridHeight) {

    public KernelSize {
        if (items < 1) {
            throw new IllegalArgumentException("a kernel needs at least one item, was " + items);
        }
    }

    /** {@code count} items, for a kernel that is not a grid. */
    public static KernelSize items(int count) {
        return new KernelSize(count, 0, 0);
    }

    /** A {@code width} x {@code height} grid. */
    public static KernelSize grid(int width, int height) {
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("a grid needs a positive width and height, was " + width + " x " + height);
        }
        return new KernelSize(Math.multiplyExact(width, height), width, height);
    }

    /** The descriptor's default: its default item count, or its default grid. */
    public static KernelSize defaultFor(KernelDescriptor descriptor) {
        return descriptor.state().isGrid() ? grid(descriptor.state().gridWidth(), descriptor.state().gridHeight())
                : items(descriptor.items().defaultCount());
    }

    public boolean isGrid() {
        return gridWidth > 0;
    }

    /**
     * Checks this size against what the descriptor allows.
     *
     * @throws IllegalArgumentException naming the plugin and the allowed range
     */
    public void checkAgainst(KernelDescriptor descriptor) {
        if (descriptor.state().isGrid()) {
            if (!descriptor.state().acceptsGrid(gridWidth, gridHeight)) {
                throw new IllegalArgumentException(descriptor.id() + ": " + (isGrid() ? "a " + this : items + " items")
                        + " is not a grid it accepts: from 1 x 1 to " + descriptor.state().maxGridWidth() + " x "
                        + descriptor.state().maxGridHeight());
            }
            return;
        }
        KernelDescriptor.ItemCount allowed = descriptor.items();
        if (isGrid() || items < allowed.min() || items > allowed.max()) {
            throw new IllegalArgumentException(descriptor.id() + ": " + this + " is outside the item count ["
                    + allowed.min() + ", " + allowed.max() + "]" + (isGrid() ? ", and the kernel is not a grid" : ""));
        }
    }

    @Override
    public String toString() {
        return isGrid() ? gridWidth + " x " + gridHeight + " grid" : items + " items";
    }
}
