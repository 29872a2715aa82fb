package jp.madoguchi.reports.model;

import java.time.LocalDate;
import java.util.List;
import jp.madoguchi.reports.model.Kinds.CertKind;
import jp.madoguchi.reports.model.Kinds.VisitorType;

/**
 * 電子証明書 更新・発行 申請書兼処理記録票 (counter-rules §6.3).
 *
 * @param renewal               true for a renewal, false for a new issue
 * @param oldExpiry             the expiry of the certificate being renewed, null for a new issue
 * @param windowOpened          the day the renewal window opened, null for a new issue
 * @param sealedAnswerUnopened  for a voluntary proxy: whether the answer sheet arrived sealed; else null
 */
public record CertificateRecord(FormHeader header, Holder holder, boolean renewal, List<IssuedCert> issued,
                                int ageOnDay, boolean adultWardCheckPassed, LocalDate oldExpiry,
                                LocalDate windowOpened, boolean pinKept, VisitorType visitorType,
                                @NameText String representativeName, String idMethod,
                                Boolean sealedAnswerUnopened, int feeYen) {

    public CertificateRecord {
        Fields.required("header", header);
        Fields.required("holder", holder);
        issued = Fields.list("issued", issued);
        if (issued.isEmpty()) {
            Fields.required("issued", null);
        }
        Fields.required("visitorType", visitorType);
        Fields.required("idMethod", idMethod);
    }

    /** A certificate as issued: the last 8 hex digits of its serial and its notAfter. */
    public record IssuedCert(CertKind kind, String serialLast8, LocalDate notAfter) {
        public IssuedCert {
            Fields.required("issued.kind", kind);
            Fields.required("issued.serialLast8", serialLast8);
            Fields.required("issued.notAfter", notAfter);
            if (serialLast8.length() > 8) {
                serialLast8 = serialLast8.substring(serialLast8.length() - 8);
            }
        }
    }
}
