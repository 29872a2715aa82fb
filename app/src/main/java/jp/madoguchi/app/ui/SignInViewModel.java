package jp.madoguchi.app.ui;

import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import jp.madoguchi.app.staff.SignInOutcome;
import jp.madoguchi.app.staff.StaffDirectory;
import jp.madoguchi.app.staff.StaffSession;
import jp.madoguchi.common.FailureCode;
import jp.madoguchi.common.FailureMessages;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sign-in screen's state: staff id, busy while the password is checked on a
 * {@link TaskExecutor} thread, and the failure shown (a {@link UiFailure} with its code, message and
 * action, re-rendered when the language changes). FX-thread confined; the check itself runs on the
 * executor, and its result comes back through the {@link UiThread}.
 */
public final class SignInViewModel {

    private static final Logger LOG = LoggerFactory.getLogger(SignInViewModel.class);
    private static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");

    /** A failure to show, with its parameters. */
    record Shown(FailureCode failure, Map<String, ?> params) {
    }

    private final Texts texts;
    private final StaffDirectory directory;
    private final TaskExecutor executor;
    private final UiThread uiThread;
    private final Duration idleLimit;
    private final Consumer<StaffSession> onSignedIn;
    private final StringProperty staffId = new SimpleStringProperty("");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(false);
    private final ObjectProperty<Shown> shown = new SimpleObjectProperty<>();
    private final ReadOnlyBooleanWrapper autoLocked = new ReadOnlyBooleanWrapper(false);
    private final StringBinding message;
    private final BooleanBinding canSubmit;

    public SignInViewModel(Texts texts, StaffDirectory directory, TaskExecutor executor, UiThread uiThread,
            Duration idleLimit, Consumer<StaffSession> onSignedIn) {
        this.texts = texts;
        this.directory = directory;
        this.executor = executor;
        this.uiThread = uiThread;
        this.idleLimit = idleLimit;
        this.onSignedIn = onSignedIn;
        this.message = texts.bindComputed(this::render, shown, autoLocked);
        this.canSubmit = javafx.beans.binding.Bindings.createBooleanBinding(
                () -> directory != null && !busy.get() && !staffId.get().isBlank(), busy, staffId);
    }

    public StringProperty staffIdProperty() {
        return staffId;
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    /** The failure line ("MDG-UI-001 message — action"), empty when there is none. */
    public StringBinding messageProperty() {
        return message;
    }

    public BooleanBinding canSubmitProperty() {
        return canSubmit;
    }

    /** True when the screen was reached by the inactivity lock rather than a fresh start. */
    public ReadOnlyBooleanProperty autoLockedProperty() {
        return autoLocked.getReadOnlyProperty();
    }

    FailureCode shownFailure() {
        return shown.get() == null ? null : shown.get().failure();
    }

    /** Says on the screen that it was locked for inactivity, keeping the staff id of the session. */
    public void lockedFor(String previousStaffId) {
        staffId.set(previousStaffId);
        autoLocked.set(true);
        shown.set(null);
    }

    /** Shows MDG-UI-003: the staff file could not be opened, so nobody can sign in. */
    public void unusable() {
        shown.set(new Shown(UiFailure.STAFF_FILE_UNUSABLE, Map.of()));
    }

    /** Shows MDG-UI-004 when no account exists yet. Blocking read of an in-memory map only. */
    public void checkProvisioned(boolean empty) {
        if (empty) {
            shown.set(new Shown(UiFailure.NO_STAFF_PROVISIONED, Map.of()));
        }
    }

    /**
     * Starts checking {@code password} on the executor; the array is the ViewModel's from now on and
     * is cleared once checked. Ignored (and cleared) while a check runs or when no id is entered.
     */
    public void signIn(char[] password) {
        if (!canSubmit.get()) {
            Arrays.fill(password, '\0');
            return;
        }
        busy.set(true);
        String id = staffId.get().strip();
        executor.submit(() -> directory.signIn(id, password, idleLimit))
                .whenCompleteAsync((outcome, error) -> finish(outcome, error), uiThread);
    }

    private void finish(SignInOutcome outcome, Throwable error) {
        busy.set(false);
        if (error != null) {
            LOG.error("sign-in could not be checked", error);
            shown.set(new Shown(UiFailure.STAFF_FILE_UNUSABLE, Map.of()));
            return;
        }
        if (outcome instanceof SignInOutcome.SignedIn signedIn) {
            shown.set(null);
            autoLocked.set(false);
            onSignedIn.accept(signedIn.session());
        } else if (outcome instanceof SignInOutcome.Locked locked) {
            shown.set(new Shown(UiFailure.STAFF_LOCKED, Map.of("until",
                    DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT).format(locked.until().atZone(TOKYO)))));
        } else {
            shown.set(new Shown(UiFailure.SIGN_IN_REJECTED, Map.of("max", directory.lockoutRule().maxFailures(),
                    "minutes", directory.lockoutRule().lockFor().toMinutes())));
        }
    }

    private String render() {
        Shown s = shown.get();
        if (s == null) {
            return autoLocked.get() ? texts.get("signin.autoLocked") : "";
        }
        Locale locale = texts.locale();
        String action = FailureMessages.action(s.failure(), locale);
        for (Map.Entry<String, ?> e : s.params().entrySet()) {
            action = action.replace("{" + e.getKey() + "}", String.valueOf(e.getValue()));
        }
        return s.failure().code() + "　" + FailureMessages.message(s.failure(), locale, s.params()) + "\n" + action;
    }
}
