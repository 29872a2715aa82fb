package jp.madoguchi.app.ui;

import javafx.scene.input.KeyCode;

/**
 * The screens of the main window (issue 8), in navigation order, each with the function key that
 * opens it. {@code unavailableKey} names the text that explains which module the screen still waits
 * for; {@code null} when the screen works in this build.
 */
public enum Screen {
    CARD("nav.card", KeyCode.F1, null),
    WORKFLOWS("nav.workflows", KeyCode.F2, null),
    AWAITING_DELIVERY("nav.awaitingDelivery", KeyCode.F3, null),
    SYNC("nav.sync", KeyCode.F4, null),
    REPORTS("nav.reports", KeyCode.F5, "unavailable.reports"),
    DIAGNOSTICS("nav.diagnostics", KeyCode.F6, null),
    SETTINGS("nav.settings", KeyCode.F7, null);

    private final String titleKey;
    private final KeyCode key;
    private final String unavailableKey;

    Screen(String titleKey, KeyCode key, String unavailableKey) {
        this.titleKey = titleKey;
        this.key = key;
        this.unavailableKey = unavailableKey;
    }

    public String titleKey() {
        return titleKey;
    }

    public KeyCode key() {
        return key;
    }

    public boolean available() {
        return unavailableKey == null;
    }

    public String unavailableKey() {
        return unavailableKey;
    }
}
