package jp.madoguchi.app.counter.rules;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import jp.madoguchi.common.CounterFailure;
import jp.madoguchi.common.FailureMessages;

/**
 * Something the clerk is told while the operation goes on. Two kinds reuse a counter-rules code whose
 * workstation action is "continue" ({@code MDG-SYNC-002}, {@code MDG-CERT-002}); the others are
 * notices counter-rules asks for in prose and have no code.
 */
public record Notice(Kind kind, Map<String, Object> params) {

    public enum Kind implements CounterTexts.Labelled {
        /** Offline: recorded, sent later (MDG-SYNC-002). */
        QUEUED_UNTIL_SYNC(CounterFailure.SYNC_QUEUED),
        /** The certificate expired: handled as a new issuance (MDG-CERT-002). */
        SWITCH_TO_ISSUE(CounterFailure.CERT_EXPIRED),
        /** Delivery offline: certificates work once the delivery record has been sent (§2.1). */
        CERTIFICATES_AFTER_SYNC(null),
        /** Loss report offline on a card not suspended: call the 24-hour line now (§2.6). */
        CALL_LOSS_LINE(null),
        /** The card itself is in its renewal window: recommend a new card (§2.3). */
        CARD_IN_RENEWAL_WINDOW(null),
        /** A weak 4-digit PIN: warned on the PIN pad, accepted (N2). */
        WEAK_PIN(null),
        /** At a mission a PIN is reset, not changed: the change is made at the 本籍地 (§2.2, §2.8). */
        MISSION_PIN_CHANGE_AT_DOMICILE(null),
        /** Certificate renewal or issuance for an overseas card: at a municipal counter (PR-07). */
        MISSION_CERTIFICATES_AT_MUNICIPALITY(null),
        /** A change of particulars at a mission: a new overseas card, free, and the old one returned (§2.8). */
        MISSION_NEW_CARD_INSTEAD(null);

        private final CounterFailure failure;

        Kind(CounterFailure failure) {
            this.failure = failure;
        }

        /** The counter-rules code whose text this notice uses, if any. */
        public Optional<CounterFailure> failure() {
            return Optional.ofNullable(failure);
        }

        @Override
        public String labelKey() {
            return "notice." + name();
        }
    }

    public Notice {
        Objects.requireNonNull(kind, "kind");
        params = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(params));
    }

    public static Notice of(Kind kind) {
        return new Notice(kind, Map.of());
    }

    /** The text for the clerk. */
    public String message(Locale locale) {
        Map<String, String> rendered = new LinkedHashMap<>();
        params.forEach((k, v) -> rendered.put(k, CounterTexts.label(v, locale)));
        String template = kind.failure()
                .map(f -> FailureMessages.text(f, FailureMessages.Part.MESSAGE, locale))
                .orElseGet(() -> CounterTexts.text(kind.labelKey(), locale));
        String result = template;
        for (Map.Entry<String, String> e : rendered.entrySet()) {
            result = result.replace("{" + e.getKey() + "}", e.getValue());
        }
        return result;
    }
}
