package jp.madoguchi.app.ui;

import javafx.scene.input.KeyCode;

/** The screens of the main window (issue 8), in navigation order, each with the function key that opens it. */
public enum Screen {
    CARD("nav.card", KeyCode.F1),
    WORKFLOWS("nav.workflows", KeyCode.F2),
    AWAITING_DELIVERY("nav.awaitingDelivery", KeyCode.F3),
    SYNC("nav.sync", KeyCode.F4),
    REPORTS("nav.reports", KeyCode.F5),
    DIAGNOSTICS("nav.diagnostics", KeyCode.F6),
    SETTINGS("nav.settings", KeyCode.F7);

    private final String titleKey;
    private final KeyCode key;

    Screen(String titleKey, KeyCode key) {
        this.titleKey = titleKey;
        this.key = key;
    }

    public String titleKey() {
        return titleKey;
    }

    public KeyCode key() {
        return key;
    }
}
