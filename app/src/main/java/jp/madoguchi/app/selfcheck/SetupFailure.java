package jp.madoguchi.app.selfcheck;

import jp.madoguchi.common.FailureCode;

/** The {@code SETUP} area: what {@code madoguchi --self-check} finds wrong with an installation. */
public enum SetupFailure implements FailureCode {
    RUNTIME_MODULES("MDG-SETUP-001"),
    LOCALE_DATA("MDG-SETUP-002"),
    JAVAFX("MDG-SETUP-003"),
    PCSC_SERVICE("MDG-SETUP-004"),
    DATA_DIRECTORY("MDG-SETUP-005"),
    CONFIGURATION("MDG-SETUP-006"),
    CENTRAL_URL("MDG-SETUP-007"),
    ENROLMENT("MDG-SETUP-008");

    private final String code;

    SetupFailure(String code) {
        this.code = code;
    }

    @Override
    public String code() {
        return code;
    }

    @Override
    public String bundleBaseName() {
        return "jp.madoguchi.app.selfcheck.SetupFailures";
    }
}
