package org.orrery.servo.surface;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * Compares a rendered image with a stored one, {@code src/test/resources/golden/NAME.png}. Pixels
 * may differ by {@value #CHANNEL_TOLERANCE} per channel (rounding in a renderer); at most
 * {@value #DIFFERENT_SHARE} of them may differ by more. On a mismatch the rendered image is saved
 * under {@code target/golden-actual/} to look at. Run with {@code -Dorrery.golden.update=true} to
 * store the rendered images as the new expected ones, after looking at them.
 */
public final class GoldenImage {

    static final int CHANNEL_TOLERANCE = 2;
    static final double DIFFERENT_SHARE = 0.002;
    private static final Path GOLDEN = Path.of("src/test/resources/golden");
    private static final Path ACTUAL = Path.of("target/golden-actual");

    private GoldenImage() {
    }

    public static void check(String name, int[] argb, int width, int height) throws IOException {
        assertThat(argb).hasSize(width * height);
        Path expectedFile = GOLDEN.resolve(name + ".png");
        if (Boolean.getBoolean("orrery.golden.update")) {
            write(expectedFile, argb, width, height);
            return;
        }
        assertThat(expectedFile).as("golden image %s (make it with -Dorrery.golden.update=true)", name).exists();
        BufferedImage expected = ImageIO.read(expectedFile.toFile());
        assertThat(expected.getWidth()).as(name + " width").isEqualTo(width);
        assertThat(expected.getHeight()).as(name + " height").isEqualTo(height);
        int different = 0;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                if (!close(expected.getRGB(x, y), argb[y * width + x])) {
                    different++;
                }
            }
        }
        if (different > DIFFERENT_SHARE * width * height) {
            write(ACTUAL.resolve(name + ".png"), argb, width, height);
        }
        assertThat(different).as("%s: pixels off by more than %d per channel (rendered image in %s)",
                name, CHANNEL_TOLERANCE, ACTUAL.resolve(name + ".png")).isLessThanOrEqualTo((int) (DIFFERENT_SHARE * width * height));
    }

    private static boolean close(int a, int b) {
        for (int shift = 0; shift < 32; shift += 8) {
            if (Math.abs(((a >>> shift) & 0xFF) - ((b >>> shift) & 0xFF)) > CHANNEL_TOLERANCE) {
                return false;
            }
        }
        return true;
    }

    public static void write(Path file, int[] argb, int width, int height) throws IOException {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
        image.setRGB(0, 0, width, height, argb, 0, width);
        Files.createDirectories(file.getParent());
        ImageIO.write(image, "png", file.toFile());
    }
}
