package org.orrery.shell.run;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javafx.scene.image.Image;
import javafx.scene.image.PixelFormat;
import javax.imageio.ImageIO;

/**
 * The view's last frame as a PNG, beside a run's report ({@code run.json} gives {@code run.view.png}):
 * what the analyst would see, for an author or a script with no window.
 */
final class ViewPicture {

    private ViewPicture() {
    }

    /** The picture's path: the report's, with {@code .view.png} for its extension. */
    static Path file(Path report) {
        String name = report.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return report.resolveSibling((dot > 0 ? name.substring(0, dot) : name) + ".view.png");
    }

    /** Writes {@code image} as a PNG. */
    static void write(Image image, Path file) throws IOException {
        int width = (int) image.getWidth();
        int height = (int) image.getHeight();
        int[] argb = new int[width * height];
        image.getPixelReader().getPixels(0, 0, width, height, PixelFormat.getIntArgbInstance(), argb, 0, width);
        BufferedImage picture = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
        picture.setRGB(0, 0, width, height, argb, 0, width);
        if (!ImageIO.write(picture, "png", file.toFile())) {
            throw new IOException("no PNG writer for " + file);
        }
    }
}
