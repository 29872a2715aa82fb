package jp.madoguchi.app.ui;

import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import jp.madoguchi.common.FailureMessages;
import jp.madoguchi.common.MadoguchiException;

/**
 * What a screen says about a failure: its code, the message and the action, in the current language.
 * An uncoded exception (a bug) is shown as MDG-UI-007 with no detail; the log has the stack trace.
 */
final class FailureText {

    private FailureText() {
    }

    static String of(Texts texts, Throwable error) {
        Throwable e = error;
        while ((e instanceof CompletionException || e instanceof ExecutionException) && e.getCause() != null) {
            e = e.getCause();
        }
        if (e instanceof MadoguchiException m) {
            return m.code() + "　" + m.clerkMessage(texts.locale()) + " " + FailureMessages.action(m.failure(), texts.locale());
        }
        return UiFailure.COUNTER_PART_UNAVAILABLE.code() + "　"
                + FailureMessages.message(UiFailure.COUNTER_PART_UNAVAILABLE, texts.locale(), Map.of("part", "?")) + " "
                + FailureMessages.action(UiFailure.COUNTER_PART_UNAVAILABLE, texts.locale());
    }
}
