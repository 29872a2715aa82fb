package jp.madoguchi.app.ui;

import java.util.Map;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import jp.madoguchi.app.staff.StaffSession;

/**
 * The main window while a staff member is signed in: which {@link Screen} is shown, who is signed
 * in at which office, and the inactivity lock. {@link #checkIdle()} is called by the window every
 * few seconds; once the session's idle limit has passed it sets {@link #lockedProperty()}, and the
 * window goes back to the sign-in screen. FX-thread confined.
 */
public final class MainViewModel {

    private final Texts texts;
    private final StaffSession session;
    private final ReadOnlyObjectWrapper<Screen> screen = new ReadOnlyObjectWrapper<>(Screen.CARD);
    private final ReadOnlyBooleanWrapper locked = new ReadOnlyBooleanWrapper(false);
    private final StringBinding header;
    private final StringBinding screenTitle;

    public MainViewModel(Texts texts, StaffSession session, OfficeIdentity office) {
        this.texts = texts;
        this.session = session;
        this.header = texts.bindComputed(() -> texts.format("main.header", Map.of(
                "office", office.render(texts),
                "staff", session.staff().displayName(),
                "id", session.staff().staffId(),
                "role", switch (session.staff().role()) {
                    case CLERK -> texts.get("role.CLERK");
                    case SUPERVISOR -> texts.get("role.SUPERVISOR");
                })));
        this.screenTitle = texts.bindComputed(() -> texts.get(screen.get().titleKey()), screen);
    }

    public ReadOnlyObjectProperty<Screen> screenProperty() {
        return screen.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty lockedProperty() {
        return locked.getReadOnlyProperty();
    }

    public StringBinding headerProperty() {
        return header;
    }

    public StringBinding screenTitleProperty() {
        return screenTitle;
    }

    /** Shows {@code next}; counts as activity. */
    public void navigate(Screen next) {
        session.touch();
        screen.set(next);
    }

    /** A key press or pointer event on the window. */
    public void activity() {
        session.touch();
    }

    /** Locks now (the lock key) or when the idle limit has passed. */
    public void checkIdle() {
        if (session.idleExpired()) {
            locked.set(true);
        }
    }

    /** The clerk's lock key (F12). */
    public void lockNow() {
        locked.set(true);
    }
}
