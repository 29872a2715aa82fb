package jp.madoguchi.app.ui;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleObjectProperty;
import jp.madoguchi.app.counter.domain.PinType;
import jp.madoguchi.app.counter.rules.PinRules;
import jp.madoguchi.app.counter.rules.Refusal;
import jp.madoguchi.common.MadoguchiException;

/**
 * The resident's PIN pad: one PIN at a time, a new PIN entered twice (entry, confirmation) or a current
 * PIN once. The entry lives in a {@code char[]} only — the pad shows one mark per character, never a
 * character — and is cleared when it is handed over, corrected or abandoned. Before the confirmation
 * the pad checks the format (PinRules, the same MDG-PIN-001/002 the workflow would give) and warns of
 * a weak 4-digit PIN (repeated digits, a run, the birth month and day when the card's birth date is
 * known); the workflow checks everything again. FX-thread confined.
 */
public final class PinPadViewModel {

    /** Where the pad is: waiting for a request, first entry, confirmation, or handed over. */
    public enum Phase { IDLE, ENTER, CONFIRM, SENT }

    /** Receives a finished entry; owns the arrays from then on and must clear them. {@code confirmation} is null for a current PIN. */
    @FunctionalInterface
    interface Receiver {
        void entered(PinType type, char[] entry, char[] confirmation);
    }

    private static final int MAX = 16;
    private static final LocalDate NO_BIRTH_DATE = LocalDate.of(2000, 1, 1);

    private final Texts texts;
    private final Receiver receiver;
    private final char[] buffer = new char[MAX];
    private char[] first;
    private boolean newPin;
    private Optional<LocalDate> birthDate = Optional.empty();
    private final ReadOnlyObjectWrapper<Phase> phase = new ReadOnlyObjectWrapper<>(Phase.IDLE);
    private final ReadOnlyObjectWrapper<PinType> type = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyIntegerWrapper length = new ReadOnlyIntegerWrapper(0);
    private final ObjectProperty<Set<PinRules.Weakness>> weak = new SimpleObjectProperty<>(Set.of());
    /** A local refusal (format), a text key, or a workflow failure, for the error line. */
    private final ObjectProperty<Object> error = new SimpleObjectProperty<>();
    private final StringBinding prompt;
    private final StringBinding masked;
    private final StringBinding hint;
    private final StringBinding warning;
    private final StringBinding errorText;

    PinPadViewModel(Texts texts, Receiver receiver) {
        this.texts = texts;
        this.receiver = receiver;
        prompt = texts.bindComputed(this::renderPrompt, phase, type);
        masked = texts.bindComputed(() -> "●".repeat(length.get()), length);
        hint = texts.bindComputed(() -> type.get() == null ? ""
                : texts.get(type.get() == PinType.SIGN ? "pinpad.hint.SIGN" : "pinpad.hint.digits"), type);
        warning = texts.bindComputed(() -> weak.get().isEmpty() ? "" : texts.format("pinpad.weak", Map.of("why",
                weak.get().stream().map(this::weakness).collect(Collectors.joining("、")))), weak);
        errorText = texts.bindComputed(this::renderError, error);
    }

    public ReadOnlyObjectProperty<Phase> phaseProperty() {
        return phase.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<PinType> typeProperty() {
        return type.getReadOnlyProperty();
    }

    /** How many characters are in the entry (the pad shows this many marks). */
    public ReadOnlyIntegerProperty lengthProperty() {
        return length.getReadOnlyProperty();
    }

    public StringBinding promptProperty() {
        return prompt;
    }

    public StringBinding maskedProperty() {
        return masked;
    }

    public StringBinding hintProperty() {
        return hint;
    }

    public StringBinding warningProperty() {
        return warning;
    }

    public StringBinding errorProperty() {
        return errorText;
    }

    /** Whether the pad offers letters (the signing PIN takes A–Z besides digits). */
    public boolean lettersAllowed() {
        return type.get() == PinType.SIGN;
    }

    /** Asks for {@code pin}: a new one (twice) or the current one (once); {@code previous} is the workflow's last refusal. */
    void request(PinType pin, boolean isNew, Optional<LocalDate> birth, Optional<MadoguchiException> previous) {
        wipe();
        type.set(pin);
        newPin = isNew;
        birthDate = birth;
        weak.set(Set.of());
        error.set(previous.orElse(null));
        phase.set(Phase.ENTER);
    }

    /** The wizard left the PIN step: the entry is cleared and the pad waits. */
    void stop() {
        wipe();
        weak.set(Set.of());
        error.set(null);
        type.set(null);
        phase.set(Phase.IDLE);
    }

    /** One key: digits always, A–Z for the signing PIN; lower case is refused, never converted (N1). */
    public void key(char c) {
        if (phase.get() != Phase.ENTER && phase.get() != Phase.CONFIRM) {
            return;
        }
        if (c >= 'a' && c <= 'z' && lettersAllowed()) {
            error.set("pinpad.error.lowercase");
            return;
        }
        boolean accepted = (c >= '0' && c <= '9') || (lettersAllowed() && c >= 'A' && c <= 'Z');
        if (!accepted || length.get() >= (lettersAllowed() ? MAX : 4)) {
            return;
        }
        buffer[length.get()] = c;
        length.set(length.get() + 1);
        error.set(null);
    }

    public void backspace() {
        if (length.get() > 0) {
            buffer[length.get() - 1] = '\0';
            length.set(length.get() - 1);
        }
    }

    /**
     * 訂正 (Esc): clears the entry; in the confirmation, back to the first entry. Returns false when
     * there was nothing to correct.
     */
    public boolean correct() {
        if (length.get() > 0) {
            clearBuffer();
            return true;
        }
        if (phase.get() == Phase.CONFIRM) {
            wipe();
            weak.set(Set.of());
            phase.set(Phase.ENTER);
            return true;
        }
        return false;
    }

    /** 決定 (Enter): checks the first entry and asks for the confirmation, or hands the entry over. */
    public void submit() {
        Phase now = phase.get();
        if (now != Phase.ENTER && now != Phase.CONFIRM) {
            return;
        }
        char[] entry = Arrays.copyOf(buffer, length.get());
        clearBuffer();
        if (now == Phase.ENTER) {
            Optional<Refusal> format = PinRules.checkFormat(type.get(), entry);
            if (format.isPresent()) {
                Arrays.fill(entry, '\0');
                error.set(format.get());
                return;
            }
            error.set(null);
            if (!newPin) {
                phase.set(Phase.SENT);
                receiver.entered(type.get(), entry, null);
                return;
            }
            Set<PinRules.Weakness> found = PinRules.weaknesses(type.get(), entry, birthDate.orElse(NO_BIRTH_DATE));
            if (birthDate.isEmpty()) {
                found.remove(PinRules.Weakness.BIRTH_MONTH_DAY);
            }
            weak.set(Set.copyOf(found));
            first = entry;
            phase.set(Phase.CONFIRM);
            return;
        }
        char[] entered = first;
        first = null;
        weak.set(Set.of());
        phase.set(Phase.SENT);
        receiver.entered(type.get(), entered, entry);
    }

    private void clearBuffer() {
        Arrays.fill(buffer, '\0');
        length.set(0);
    }

    private void wipe() {
        clearBuffer();
        if (first != null) {
            Arrays.fill(first, '\0');
            first = null;
        }
    }

    private String weakness(PinRules.Weakness w) {
        return texts.get(switch (w) {
            case REPEATED_DIGIT -> "pinpad.weak.REPEATED_DIGIT";
            case SEQUENCE -> "pinpad.weak.SEQUENCE";
            case BIRTH_MONTH_DAY -> "pinpad.weak.BIRTH_MONTH_DAY";
        });
    }

    private String renderPrompt() {
        if (type.get() == null) {
            return texts.get("pinpad.idle");
        }
        String pin = WizardTexts.pin(texts, type.get());
        return switch (phase.get()) {
            case IDLE -> texts.get("pinpad.idle");
            case ENTER -> texts.format(newPin ? "pinpad.enterNew" : "pinpad.enterCurrent", Map.of("pin", pin));
            case CONFIRM -> texts.format("pinpad.confirm", Map.of("pin", pin));
            case SENT -> texts.get("pinpad.sent");
        };
    }

    private String renderError() {
        Object e = error.get();
        if (e instanceof Refusal r) {
            return r.code() + "　" + r.message(texts.locale());
        }
        if (e instanceof MadoguchiException m) {
            return m.code() + "　" + m.clerkMessage(texts.locale());
        }
        return e instanceof String key ? texts.get(key) : "";
    }
}
