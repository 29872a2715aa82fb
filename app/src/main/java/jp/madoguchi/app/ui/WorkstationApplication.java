package jp.madoguchi.app.ui;

import java.util.Locale;
import java.util.ResourceBundle;
import javafx.application.Application;
import javafx.geometry.Insets;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import jp.madoguchi.common.Configuration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JavaFX application. Until the counter screens land (the UI issue), it shows which office and
 * terminal it is configured for and says plainly that the counter screens are not there yet.
 */
public final class WorkstationApplication extends Application {

    private static final Logger LOG = LoggerFactory.getLogger(WorkstationApplication.class);
    private static volatile Configuration configuration;

    /** Starts JavaFX with the given configuration; returns when the last window closes. */
    public static void launch(Configuration config, String[] args) {
        configuration = config;
        Application.launch(WorkstationApplication.class, args);
    }

    /** For tests, which start the stage themselves through TestFX. */
    static void configure(Configuration config) {
        configuration = config;
    }

    @Override
    public void start(Stage stage) {
        Configuration config = configuration;
        Locale locale = Locale.forLanguageTag(config.get("ui.locale"));
        ResourceBundle texts = ResourceBundle.getBundle("jp.madoguchi.app.ui.Texts", locale,
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
        stage.setTitle(texts.getString("app.title"));
        stage.setScene(new Scene(StartScreen.build(texts, config), 900, 560));
        stage.show();
        LOG.info("workstation started for office {} ({}) terminal {}", config.get("office.code"),
                config.get("office.type"), config.get("terminal.id"));
    }

    /** The first screen: who this workstation is and what of it exists yet. */
    static final class StartScreen {
        private StartScreen() {
        }

        static VBox build(ResourceBundle texts, Configuration config) {
            Label title = new Label(texts.getString("app.title"));
            title.setId("title");
            title.setStyle("-fx-font-size: 28px; -fx-font-weight: bold;");
            Label office = new Label(texts.getString("start.office")
                    .replace("{type}", texts.getString("office.type." + config.get("office.type")))
                    .replace("{code}", config.get("office.code"))
                    .replace("{terminal}", config.get("terminal.id")));
            office.setId("office");
            Label central = new Label(texts.getString("start.central").replace("{url}", config.get("central.url")));
            Label data = new Label(texts.getString("start.data").replace("{dir}", config.dataDirectory().toString()));
            Label pending = new Label(texts.getString("start.pending"));
            pending.setId("pending");
            pending.setWrapText(true);
            VBox root = new VBox(14, title, office, central, data, pending);
            root.setPadding(new Insets(28));
            root.setStyle("-fx-font-family: 'IPAexGothic', 'Noto Sans CJK JP', sans-serif; -fx-font-size: 16px;");
            return root;
        }
    }
}
