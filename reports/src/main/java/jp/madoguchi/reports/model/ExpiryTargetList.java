package jp.madoguchi.reports.model;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import jp.madoguchi.common.MadoguchiException;
import jp.madoguchi.reports.ReportFailure;
import jp.madoguchi.reports.model.Kinds.RenewalTarget;
import jp.madoguchi.reports.model.Kinds.TargetStatus;

/**
 * 有効期限通知 対象者一覧 (counter-rules §6.5): whose card or certificates enter the renewal window in
 * the period; rows sorted by expiry date.
 */
public record ExpiryTargetList(String officeName, String officeCode, LocalDate periodFrom, LocalDate periodTo,
                               List<Target> targets, LocalDateTime printedAt) {

    public ExpiryTargetList {
        Fields.required("officeName", officeName);
        Fields.required("officeCode", officeCode);
        Fields.required("periodFrom", periodFrom);
        Fields.required("periodTo", periodTo);
        if (periodTo.isBefore(periodFrom)) {
            throw new MadoguchiException(ReportFailure.PERIOD_INVALID, Map.of("from", periodFrom, "to", periodTo));
        }
        targets = Fields.list("targets", targets).stream()
                .sorted(Comparator.comparing(Target::expiry).thenComparing(Target::name)).toList();
        Fields.required("printedAt", printedAt);
    }

    /**
     * One row.
     *
     * @param noticeSentOn     from the feed; null when J-LIS has not sent its notice yet
     * @param stayExpiry       end of the period of stay for a foreign resident, else null
     */
    public record Target(RenewalTarget what, @NameText String name, String nameFurigana, LocalDate birthDate,
                         String district, LocalDate expiry, LocalDate windowOpens, LocalDate noticeSentOn,
                         TargetStatus status, boolean foreignResident, LocalDate stayExpiry) {
        public Target {
            Fields.required("targets.what", what);
            Fields.required("targets.name", name);
            Fields.required("targets.birthDate", birthDate);
            Fields.required("targets.district", district);
            Fields.required("targets.expiry", expiry);
            Fields.required("targets.windowOpens", windowOpens);
            Fields.required("targets.status", status);
        }
    }
}
