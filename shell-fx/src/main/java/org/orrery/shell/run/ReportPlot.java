package org.orrery.shell.run;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * The report's picture, a PNG: on top the interval before each presented frame against the
 * target, below it each frame's time from tick to screen stacked by stage (queue, compute, layout,
 * present). The scales reach half as far again as the 95th percentile (at least three target
 * intervals): the rare long frames (a kernel's warm-up) are cut at the top rather than flatten
 * the rest. Drawn with Java2D off any UI thread, so it
 * works headless.
 */
final class ReportPlot {

    static final String[] PARTS = {"queue", "compute", "layout", "present"};
    private static final Color[] COLOURS = {
            new Color(0x8e8e93), new Color(0x0a84ff), new Color(0x30d158), new Color(0xff9f0a)};
    private static final int WIDTH = 1200;
    private static final int PANEL = 260;
    private static final int MARGIN = 50;

    private double[] intervals = new double[1024];
    private int intervalCount;
    private double[][] parts = new double[1024][];
    private int frameCount;

    /** The interval before a presented frame, in milliseconds. */
    void addInterval(double millis) {
        if (intervalCount == intervals.length) {
            intervals = Arrays.copyOf(intervals, 2 * intervalCount);
        }
        intervals[intervalCount++] = millis;
    }

    /** A presented frame's milliseconds in each of {@link #PARTS}. */
    void addFrame(double queue, double compute, double layout, double present) {
        if (frameCount == parts.length) {
            parts = Arrays.copyOf(parts, 2 * frameCount);
        }
        parts[frameCount++] = new double[] {queue, compute, layout, present};
    }

    void write(Path file, String title, double targetMillis) throws IOException {
        BufferedImage image = new BufferedImage(WIDTH, 2 * PANEL + 3 * MARGIN, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        g.setColor(Color.DARK_GRAY);
        g.drawString(title, MARGIN, 22);
        double intervalTop = niceTop(Math.max(3 * targetMillis, 1.5 * percentile(intervals, intervalCount, 95)));
        panel(g, MARGIN, "frame interval (ms); dashed: the target; cut at the top: longer", intervalTop);
        float[] dash = {6, 4};
        int y0 = MARGIN + PANEL;
        g.setColor(new Color(0x30d158));
        g.setStroke(new BasicStroke(1, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 1, dash, 0));
        int targetY = y0 - (int) Math.round(PANEL * Math.min(1, targetMillis / intervalTop));
        g.drawLine(MARGIN, targetY, WIDTH - MARGIN, targetY);
        g.setStroke(new BasicStroke(1));
        g.setColor(COLOURS[1]);
        int plotWidth = WIDTH - 2 * MARGIN;
        for (int i = 1; i < intervalCount; i++) {
            g.drawLine(x(i - 1, intervalCount, plotWidth), y(intervals[i - 1], intervalTop, y0),
                    x(i, intervalCount, plotWidth), y(intervals[i], intervalTop, y0));
        }
        double[] totals = new double[frameCount];
        for (int f = 0; f < frameCount; f++) {
            totals[f] = Arrays.stream(parts[f]).sum();
        }
        double stageTop = niceTop(Math.max(targetMillis, 1.5 * percentile(totals, frameCount, 95)));
        int top = 2 * MARGIN + PANEL;
        panel(g, top, "tick to screen (ms) per presented frame, by stage", stageTop);
        int y1 = top + PANEL;
        for (int f = 0; f < frameCount; f++) {
            int x = x(f, frameCount, plotWidth);
            int width = Math.max(1, plotWidth / Math.max(1, frameCount));
            double base = 0;
            for (int p = 0; p < PARTS.length; p++) {
                int from = y(base, stageTop, y1);
                base += parts[f][p];
                int to = y(base, stageTop, y1);
                g.setColor(COLOURS[p]);
                g.fillRect(x, to, width, Math.max(0, from - to));
            }
        }
        int legendX = MARGIN;
        for (int p = 0; p < PARTS.length; p++) {
            g.setColor(COLOURS[p]);
            g.fillRect(legendX, y1 + 18, 12, 12);
            g.setColor(Color.DARK_GRAY);
            g.drawString(PARTS[p], legendX + 16, y1 + 29);
            legendX += 100;
        }
        g.dispose();
        ImageIO.write(image, "png", file.toFile());
    }

    private void panel(Graphics2D g, int top, String caption, double maxMillis) {
        g.setColor(new Color(0xf2f2f7));
        g.fillRect(MARGIN, top, WIDTH - 2 * MARGIN, PANEL);
        g.setColor(Color.DARK_GRAY);
        g.drawString(caption, MARGIN, top - 6);
        for (int i = 0; i <= 4; i++) {
            double value = maxMillis * i / 4;
            int y = top + PANEL - PANEL * i / 4;
            g.setColor(new Color(0xd1d1d6));
            g.drawLine(MARGIN, y, WIDTH - MARGIN, y);
            g.setColor(Color.GRAY);
            g.drawString(String.format(Locale.ROOT, "%.0f", value), 8, y + 4);
        }
    }

    private static int x(int index, int count, int plotWidth) {
        return MARGIN + (int) ((long) index * plotWidth / Math.max(1, count - 1));
    }

    private static int y(double millis, double top, int bottom) {
        return bottom - (int) Math.round(PANEL * Math.min(1, Math.max(0, millis) / top));
    }

    private static double percentile(double[] values, int count, double percentile) {
        if (count == 0) {
            return 0;
        }
        double[] sorted = Arrays.copyOf(values, count);
        Arrays.sort(sorted);
        return sorted[Math.min(count - 1, (int) Math.ceil(percentile / 100 * count) - 1)];
    }

    /** A round number at or above {@code value}, for the axis. */
    private static double niceTop(double value) {
        double step = Math.pow(10, Math.floor(Math.log10(Math.max(value, 1e-3))));
        for (double m : new double[] {1, 2, 5, 10}) {
            if (m * step >= value) {
                return m * step;
            }
        }
        return 10 * step;
    }
}
