package jp.madoguchi.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.scene.Scene;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javax.imageio.ImageIO;
import org.testfx.util.WaitForAsyncUtils;

/** Writes what a window shows to {@code target/screenshots/NAME.png}, for the README and for looking at. */
final class Screenshots {

    static final Path DIR = Path.of("target", "screenshots");

    private Screenshots() {
    }

    /** Snapshots {@code scene} on the FX thread and writes it as a PNG. */
    static void save(Scene scene, String name) throws Exception {
        Files.createDirectories(DIR);
        WritableImage image = WaitForAsyncUtils.asyncFx(() -> scene.snapshot(null)).get();
        int w = (int) image.getWidth();
        int h = (int) image.getHeight();
        BufferedImage buffered = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        image.getPixelReader().getPixels(0, 0, w, h, PixelFormat.getIntArgbInstance(),
                ((DataBufferInt) buffered.getRaster().getDataBuffer()).getData(), 0, w);
        Path file = DIR.resolve(name + ".png");
        ImageIO.write(buffered, "png", file.toFile());
        assertThat(Files.size(file)).isPositive();
    }
}
