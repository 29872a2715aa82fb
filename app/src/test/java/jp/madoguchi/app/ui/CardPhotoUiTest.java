package jp.madoguchi.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.Map;
import javafx.scene.control.Labeled;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.input.KeyCode;
import jp.madoguchi.app.staff.StaffRole;
import jp.madoguchi.sim.central.factory.CardFactory;
import org.junit.jupiter.api.Test;

/**
 * The face photo in the card panel (F1) on the real parts: composition root, central over mTLS, read
 * cache, the card thread over the in-JVM emulated terminal, libopenjp2 for the JPEG 2000. The clerk
 * types the card-face security code (照合番号B, birth date from central's delivery record), first
 * wrong, then right; then the resident's 入力補助 PIN brings the photo through 照合番号A.
 */
class CardPhotoUiTest extends StationWindowRobot {

    @Override
    int cards() {
        return 2;
    }

    private Image photo() {
        return lookup("#cardPhotoImage").queryAs(ImageView.class).getImage();
    }

    /** Greyscale luminance of the shown photo at (x, y) of its 300×400 pixels. */
    private int luminance(int x, int y) {
        return (int) Math.round(photo().getPixelReader().getColor(x, y).getBrightness() * 255);
    }

    @Test
    void the_photo_appears_after_the_security_code_or_the_pin_and_goes_with_the_card() throws Exception {
        open(directory -> directory.provision("C001", "窓口 花子", StaffRole.CLERK, "correct-horse-1".toCharArray()));
        signIn("C001", "correct-horse-1");
        waitUntil(() -> text("#cardMessage").equals(texts.get("card.noCard")));

        // A delivered card (OPERATIONAL, PINs set): its card face opens with 照合番号A or B.
        CardFactory.Made made = station.cards.get(0);
        Path delivered = delivered(made, dir, Map.of("AUTH", Map.entry("4321", 3), "CARD_TEXT", Map.entry("4321", 3),
                "JUKI", Map.entry("4321", 3), "SIGN", Map.entry("ABC123", 5)));
        String code = new ObjectMapper().readTree(made.profile().toFile()).path("cardFace").path("securityCode").asText();
        String wrong = code.equals("0000") ? "1111" : "0000";
        station.services.trainingReaders().orElseThrow().insert(0, delivered);
        waitUntil(() -> text("#cardMessage").equals(texts.get("card.shown")) && text("#cardSource").equals(texts.get("card.source.record")));
        assertThat(photo()).isNull();
        assertThat(text("#cardPhoto")).isEqualTo(texts.get("card.photo"));

        clickOn("#cardSecurityCode");
        write(wrong);
        type(KeyCode.ENTER);
        waitUntil(() -> text("#cardPhoto").startsWith("MDG-READER-021"));
        assertThat(text("#cardPhoto")).contains("残り9回");
        assertThat(photo()).as("a wrong code shows no photo").isNull();

        clickOn("#cardSecurityCode");
        write(code);
        clickOn("#cardShowPhoto");
        waitUntil(() -> photo() != null);
        assertThat(photo().getWidth()).isEqualTo(300);
        assertThat(photo().getHeight()).isEqualTo(400);
        assertThat(luminance(5, 5)).as("background").isBetween(195, 235);
        assertThat(luminance(118, 160)).as("iris").isLessThan(80);
        javafx.scene.paint.Color iris = photo().getPixelReader().getColor(118, 160);
        assertThat(iris.getRed()).as("greyscale").isEqualTo(iris.getGreen()).isEqualTo(iris.getBlue());
        assertThat(text("#cardPhoto")).isEqualTo(texts.get("card.photo.verified"));
        assertThat(lookup("#cardPhotoCaption").queryAs(Labeled.class).isVisible()).isTrue();
        assertThat(text("#cardPhotoCaption")).as("said plainly under the photo").isEqualTo(texts.get("card.photo.verified"));
        assertThat(lookup("#cardPhotoImage").queryAs(ImageView.class).getAccessibleText())
                .isEqualTo(texts.get("card.photo.verified"));
        assertThat(lookup("#cardSecurityCode").queryAs(javafx.scene.control.PasswordField.class).getText())
                .as("the code is not kept in the field").isEmpty();
        WorkstationUiTest.assertEveryControlIsNamed(stage.getScene().getRoot());
        Screenshots.save(stage.getScene(), "35-card-panel-photo");

        station.services.trainingReaders().orElseThrow().remove(0);
        waitUntil(() -> text("#cardMessage").equals(texts.get("card.pulled")));
        assertThat(photo()).as("a pulled card takes its photo with it").isNull();
        assertThat(lookup("#cardPhotoCaption").queryAs(Labeled.class).isVisible()).isFalse();
        assertThat(text("#cardPhoto")).isEqualTo(texts.get("card.photo"));

        // The resident's 入力補助 PIN: the card gives its My Number, which opens the card face (照合番号A).
        station.services.trainingReaders().orElseThrow().insert(0, delivered);
        waitUntil(() -> text("#cardMessage").equals(texts.get("card.shown")));
        assertThat(photo()).isNull();
        clickOn("#cardTextPin");
        write("4321");
        type(KeyCode.ENTER);
        waitUntil(() -> photo() != null);
        assertThat(text("#cardSource")).isEqualTo(texts.get("card.source.card"));
        assertThat(photo().getWidth()).isEqualTo(300);
        assertThat(text("#cardPhoto")).isEqualTo(texts.get("card.photo.verified"));
    }
}
