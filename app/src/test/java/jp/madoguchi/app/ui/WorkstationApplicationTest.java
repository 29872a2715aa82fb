package jp.madoguchi.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import jp.madoguchi.common.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Starts the real window headless (Monocle) and reads what a clerk would see. */
@ExtendWith(ApplicationExtension.class)
class WorkstationApplicationTest {

    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        WorkstationApplication.configure(Configuration.load(
                List.of("--set", "office.type=MISSION", "--set", "office.code=271004")));
        new WorkstationApplication().start(stage);
    }

    @Test
    void shows_the_configured_office_in_japanese(FxRobot robot) throws Exception {
        Label office = robot.lookup("#office").queryAs(Label.class);
        assertThat(office.getText()).isEqualTo("在外公館 271004　端末 T01");
        assertThat(robot.lookup("#pending").queryAs(Label.class).getText()).contains("基盤のみ");
        saveScreenshot(stage, "start-screen");
    }

    static void saveScreenshot(Stage stage, String name) throws Exception {
        Path dir = Path.of("target", "screenshots");
        Files.createDirectories(dir);
        var image = WaitForAsyncUtils.asyncFx(() -> stage.getScene().snapshot(null)).get();
        Path file = dir.resolve(name + ".png");
        int w = (int) image.getWidth();
        int h = (int) image.getHeight();
        var buffered = new java.awt.image.BufferedImage(w, h, java.awt.image.BufferedImage.TYPE_INT_ARGB);
        image.getPixelReader().getPixels(0, 0, w, h, javafx.scene.image.PixelFormat.getIntArgbInstance(),
                ((java.awt.image.DataBufferInt) buffered.getRaster().getDataBuffer()).getData(), 0, w);
        javax.imageio.ImageIO.write(buffered, "png", file.toFile());
        assertThat(Files.size(file)).isPositive();
    }
}
