package jp.madoguchi.app.counter.domain;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What a voluntary proxy (or a household member) brings besides identity documents (counter-rules §2.0).
 *
 * @param reason               why the holder cannot attend (delivery)
 * @param evidence             evidence of that reason
 * @param noticeBackCompleted  the back of the 交付通知書 (回答書/委任状) is completed (delivery)
 * @param pinsConcealed        the holder's PIN entries are concealed/sealed (delivery, annotation)
 * @param powerOfAttorney      a 委任状 is presented (loss report, annotation, certIssue by a household member)
 * @param inquirySheet         the 照会書兼回答書 of visit 1, when the two-visit route is used
 * @param sealedAnswer         the sealed answer brought back, and from where
 */
public record ProxyPaperwork(Optional<ProxyReason> reason, Set<ProxyEvidence> evidence, boolean noticeBackCompleted,
                             boolean pinsConcealed, boolean powerOfAttorney, Optional<InquirySheet> inquirySheet,
                             Optional<SealedAnswer> sealedAnswer) {

    /** A sealed 回答書 handed in by a proxy. */
    public record SealedAnswer(Source source, boolean unopened) {
        public enum Source {
            /** The answer to a sheet printed at visit 1. */
            INQUIRY_SHEET,
            /** The 照会書兼回答書 in the expiry-notice envelope (certificate renewal on the same day). */
            EXPIRY_ENVELOPE
        }

        public SealedAnswer {
            Objects.requireNonNull(source, "source");
        }
    }

    public ProxyPaperwork {
        Objects.requireNonNull(reason, "reason");
        evidence = Set.copyOf(evidence);
        Objects.requireNonNull(inquirySheet, "inquirySheet");
        Objects.requireNonNull(sealedAnswer, "sealedAnswer");
    }

    /** Nothing brought. */
    public static ProxyPaperwork none() {
        return new ProxyPaperwork(Optional.empty(), Set.of(), false, false, false, Optional.empty(), Optional.empty());
    }
}
