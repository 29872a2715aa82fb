package jp.madoguchi.app.counter.rules;

import static org.assertj.core.api.Assertions.assertThat;

import jp.madoguchi.app.counter.rules.FeeRules.Cause;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** counter-rules N23. */
class FeeRulesTest {

    @ParameterizedTest(name = "{0}, express {1}, certificates {2} → ¥{3} + ¥{4} = ¥{5}")
    @CsvSource(textBlock = """
            FIRST_ISSUE,          false, true,  0,    0,   0
            CARD_RENEWAL,         false, true,  0,    0,   0
            REISSUE,              false, true,  800,  200, 1000
            REISSUE,              false, false, 800,  0,   800
            REISSUE,              true,  true,  1800, 200, 2000
            REISSUE,              true,  false, 1800, 0,   1800
            ANNOTATION_AREA_FULL, false, true,  0,    0,   0
            ANNOTATION_AREA_FULL, true,  true,  0,    0,   0
            """)
    void card_fees(Cause cause, boolean express, boolean certificates, int card, int certs, int total) {
        FeeRules.Fee fee = FeeRules.forCard(cause, express, certificates);
        assertThat(fee).isEqualTo(new FeeRules.Fee(card, certs));
        assertThat(fee.totalYen()).isEqualTo(total);
    }

    @ParameterizedTest(name = "certificate work, part of a reissue {0} → ¥{1}")
    @CsvSource({"false, 0", "true, 200"})
    void certificate_fees(boolean partOfReissue, int yen) {
        assertThat(FeeRules.forCertificateWork(partOfReissue).totalYen()).isEqualTo(yen);
    }
}
