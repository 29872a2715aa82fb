package jp.madoguchi.app.forms;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.ResourceBundle;
import java.util.Set;
import java.util.stream.Collectors;
import jp.madoguchi.app.counter.domain.CollectedItem;
import jp.madoguchi.app.counter.domain.DocumentType;
import jp.madoguchi.app.counter.domain.IdentityCheck;
import jp.madoguchi.app.counter.domain.IdentityDocument;
import jp.madoguchi.app.counter.domain.InquirySheet;
import jp.madoguchi.app.counter.domain.PinType;
import jp.madoguchi.app.counter.domain.ProxyReason;
import jp.madoguchi.app.counter.domain.VisitorType;
import jp.madoguchi.app.counter.rules.IdentityRules;
import jp.madoguchi.app.counter.rules.ValidityRules;
import jp.madoguchi.app.counter.workflow.CardRecord;
import jp.madoguchi.app.counter.workflow.DeliveryWorkflow;
import jp.madoguchi.app.counter.workflow.IssuanceWorkflow;
import jp.madoguchi.app.counter.workflow.PinChangeWorkflow;
import jp.madoguchi.app.counter.workflow.PinResetWorkflow;
import jp.madoguchi.app.counter.workflow.RenewalWorkflow;
import jp.madoguchi.cache.OperationType;
import jp.madoguchi.reports.ReportCatalogue;
import jp.madoguchi.reports.ReportType;
import jp.madoguchi.reports.model.CertificateRecord;
import jp.madoguchi.reports.model.DeliveryReceipt;
import jp.madoguchi.reports.model.Kinds;
import jp.madoguchi.reports.model.PinResetRecord;

/**
 * The forms of counter-rules §6 from a completed workflow: its receipt (the recorded act as the
 * workflow knows it) and the {@link FormSource} (the act as the store holds it, the card and its
 * holder, who printed it where). Delivery → 交付受領書 (§6.1), PIN reset and PIN change → 処理記録票
 * (§6.2, 「初期化・再設定」 or 「変更」 ticked), renewal and issuance → 電子証明書 申請書兼処理記録票 (§6.3).
 * Suspension lift and old-card collection have no form in §6. The receipts carry no PIN value and
 * these forms print none; the card serial goes in as its last 4 characters only.
 *
 * <p>The printed words (identity documents, reasons) come from {@code FormWords} in the form's
 * language: English for a form the resident takes home when the holder is a foreign resident and the
 * form exists in English (§6), Japanese otherwise. Stateless and thread-safe.
 */
public final class OperationForms {

    /**
     * What the clerk entered that the receipts do not carry (the workflows record classes, not these).
     *
     * @param documents          the document types seen, the holder's first
     * @param representativeName the legal representative's or the voluntary proxy's name, or null
     * @param proxyReason        why the holder could not attend (a voluntary proxy's delivery), or null
     * @param inquirySheet       the 照会書兼回答書 a voluntary proxy brought to visit 2, or null
     * @param sealedAnswerUnopened whether the proxy's sealed answer arrived unopened, or null when none was brought
     */
    public record Visit(List<DocumentType> documents, String representativeName, ProxyReason proxyReason,
                        InquirySheet inquirySheet, Boolean sealedAnswerUnopened) {
        public Visit {
            documents = List.copyOf(documents);
            representativeName = representativeName == null || representativeName.isBlank() ? null : representativeName.trim();
        }

        public static Visit none() {
            return new Visit(List.of(), null, null, null, null);
        }

        /**
         * From the identity check the workflow was given (the same one, so the form prints what was
         * judged), plus the voluntary proxy's name, which the check does not carry.
         */
        public static Visit of(IdentityCheck check, String proxyName) {
            List<DocumentType> documents = new ArrayList<>();
            check.holderDocuments().stream().map(IdentityDocument::type).forEach(documents::add);
            check.visitorDocuments().stream().map(IdentityDocument::type).forEach(documents::add);
            String name = check.legalRepresentative().map(r -> r.name().value())
                    .orElse(check.visitorType() == VisitorType.VOLUNTARY_PROXY ? proxyName : null);
            return new Visit(documents, name, check.proxy().reason().orElse(null), check.proxy().inquirySheet().orElse(null),
                    check.proxy().sealedAnswer().map(a -> a.unopened()).orElse(null));
        }
    }

    private OperationForms() {
    }

    /**
     * The form of {@code receipt} (a workflow's {@code Receipt} once DONE), or empty for an act that has
     * no form of its own (suspension lift, old-card collection). {@code before} is the card's record as
     * the workflow judged it before the act (a renewal prints the old certificates' expiry from it).
     */
    public static Optional<PrintableForm<?>> of(Object receipt, FormSource source, Visit visit, Optional<CardRecord> before) {
        if (receipt instanceof DeliveryWorkflow.Receipt r) {
            return Optional.of(form(ReportCatalogue.DELIVERY_RECEIPT, source, locale -> delivery(r, source, visit, locale)));
        }
        if (receipt instanceof PinResetWorkflow.Receipt r) {
            return Optional.of(form(ReportCatalogue.PIN_RESET_RECORD, source, locale -> pinReset(r, source, visit, locale)));
        }
        if (receipt instanceof PinChangeWorkflow.Receipt r) {
            return Optional.of(form(ReportCatalogue.PIN_RESET_RECORD, source, locale -> pinChange(r, source, visit, locale)));
        }
        if (receipt instanceof RenewalWorkflow.Receipt r) {
            return Optional.of(form(ReportCatalogue.CERTIFICATE_RECORD, source, locale -> certificates(r.certificates(),
                    Set.of(), r.visitorType(), r.idMethod(), source, visit, before, locale)));
        }
        if (receipt instanceof IssuanceWorkflow.Receipt r) {
            return Optional.of(form(ReportCatalogue.CERTIFICATE_RECORD, source, locale -> certificates(r.certificates(),
                    r.pinsSet(), r.visitorType(), r.idMethod(), source, visit, Optional.empty(), locale)));
        }
        return Optional.empty();
    }

    /** Whether {@code receipt} is of an act that has a form of its own. */
    public static boolean hasForm(Object receipt) {
        return type(receipt).isPresent();
    }

    /** The report that records {@code receipt}'s act, if it has one. */
    public static Optional<ReportType<?>> type(Object receipt) {
        if (receipt instanceof DeliveryWorkflow.Receipt) {
            return Optional.of(ReportCatalogue.DELIVERY_RECEIPT);
        }
        if (receipt instanceof PinResetWorkflow.Receipt || receipt instanceof PinChangeWorkflow.Receipt) {
            return Optional.of(ReportCatalogue.PIN_RESET_RECORD);
        }
        if (receipt instanceof RenewalWorkflow.Receipt || receipt instanceof IssuanceWorkflow.Receipt) {
            return Optional.of(ReportCatalogue.CERTIFICATE_RECORD);
        }
        return Optional.empty();
    }

    /**
     * The local seq of the act the form records: the act itself, or for certificate work the first
     * certificate written (each certificate is an act of its own; the form names the first).
     */
    public static long seqOf(Object receipt) {
        if (receipt instanceof DeliveryWorkflow.Receipt r) {
            return r.seq();
        }
        if (receipt instanceof PinResetWorkflow.Receipt r) {
            return r.seq();
        }
        if (receipt instanceof PinChangeWorkflow.Receipt r) {
            return r.seq();
        }
        if (receipt instanceof RenewalWorkflow.Receipt r) {
            return r.certificates().get(0).seq();
        }
        if (receipt instanceof IssuanceWorkflow.Receipt r) {
            return r.certificates().get(0).seq();
        }
        throw new IllegalArgumentException("no form for " + receipt);
    }

    /** A file name the save dialog suggests: the report's name and the act's seq. */
    public static String suggestedFileName(Object receipt) {
        return type(receipt).map(t -> t.name() + "-" + seqOf(receipt) + ".pdf").orElseThrow();
    }

    /** English when the holder is a foreign resident and the form exists in English, else Japanese. */
    public static Locale language(ReportType<?> type, FormSource source) {
        return source.foreignResident() && type.speaks("en") ? Locale.ENGLISH : Locale.JAPANESE;
    }

    private static <T extends Record> PrintableForm<T> form(ReportType<T> type, FormSource source,
                                                           java.util.function.Function<Locale, T> fill) {
        Locale locale = language(type, source);
        return new PrintableForm<>(type, fill.apply(locale), locale, source.opId().toString());
    }

    /** 交付受領書 (§6.1). */
    public static DeliveryReceipt delivery(DeliveryWorkflow.Receipt r, FormSource s, Visit visit, Locale locale) {
        ResourceBundle words = words(locale);
        List<DeliveryReceipt.CertOnCard> certs = s.card().liveCertificates().stream()
                .sorted(Comparator.comparing(c -> c.kind().ordinal()))
                .map(c -> new DeliveryReceipt.CertOnCard(Kinds.CertKind.valueOf(c.kind().name()), ValidityRules.expiryDate(c.notAfter())))
                .toList();
        List<DeliveryReceipt.ItemCollected> items = r.collected().stream()
                .map(i -> new DeliveryReceipt.ItemCollected(item(i.kind()), Kinds.ItemState.valueOf(i.disposition().name())))
                .toList();
        // A voluntary proxy never learns the PINs: staff key them in from the holder's sealed entry (§2.1 step 7).
        Kinds.PinSetBy by = switch (r.visitorType()) {
            case HOLDER -> Kinds.PinSetBy.HOLDER;
            case VOLUNTARY_PROXY -> Kinds.PinSetBy.STAFF_FROM_SEALED_ENTRY;
            default -> Kinds.PinSetBy.LEGAL_REP;
        };
        List<DeliveryReceipt.PinSet> pins = r.pinTypesSet().stream().sorted()
                .map(t -> new DeliveryReceipt.PinSet(Kinds.PinType.valueOf(t.name()), by)).toList();
        return new DeliveryReceipt(s.header(), s.holder(), r.cardSerialLast4(),
                s.card().card().hasPins() ? Kinds.CardType.PIN_CARD : Kinds.CardType.FACE_AUTH, s.card().card().validTo(), certs,
                visitor(r.visitorType()), visit.representativeName(), proxyReason(r.visitorType(), visit, words),
                idMethod(r.idMethod(), words),
                documents(visit.documents(), words), items, pins, pins.isEmpty() && s.card().card().pinsPreset(), r.queuedOffline());
    }

    /** 暗証番号初期化・再設定 処理記録票 (§6.2): a reset (not a change), the PINs with their tries before. */
    public static PinResetRecord pinReset(PinResetWorkflow.Receipt r, FormSource s, Visit visit, Locale locale) {
        ResourceBundle words = words(locale);
        List<PinResetRecord.PinTries> pins = r.pinTypes().stream().sorted()
                .map(t -> new PinResetRecord.PinTries(Kinds.PinType.valueOf(t.name()), r.triesLeftBefore().getOrDefault(t, 0)))
                .toList();
        return new PinResetRecord(s.header(), s.holder(), r.cardSerialLast4(), false, pins,
                words.getString("reason." + r.reason().name()), visitor(r.visitorType()), visit.representativeName(),
                idMethod(r.idMethod(), words), inquiry(r.visitorType(), visit), words.getString("result.done"), null);
    }

    /**
     * The same record of §6.2 for a PIN change, 「変更」 ticked: the PINs changed (the holder proved the
     * current one, so no tries before are recorded), the reason being the holder's own wish.
     */
    public static PinResetRecord pinChange(PinChangeWorkflow.Receipt r, FormSource s, Visit visit, Locale locale) {
        ResourceBundle words = words(locale);
        List<PinResetRecord.PinTries> pins = r.pinTypes().stream().sorted()
                .map(t -> new PinResetRecord.PinTries(Kinds.PinType.valueOf(t.name()), null)).toList();
        return new PinResetRecord(s.header(), s.holder(), r.cardSerialLast4(), true, pins, words.getString("reason.change"),
                visitor(r.visitorType()), visit.representativeName(), idMethod(r.idMethod(), words), inquiry(r.visitorType(), visit),
                words.getString("result.done"), null);
    }

    /** The proxy reason a voluntary proxy gave, in the form's words; null for anyone else. */
    private static String proxyReason(VisitorType visitor, Visit visit, ResourceBundle words) {
        return visitor == VisitorType.VOLUNTARY_PROXY && visit.proxyReason() != null
                ? words.getString("proxyReason." + visit.proxyReason().name()) : null;
    }

    /**
     * The voluntary proxy's 照会書兼回答書 (§6.2): its number, the day it was posted (visit 1) and the last
     * day of visit 2 (PR-34). The posting day is the one the number carries ({@code Q<yyyyMMdd>-…}, as
     * the register numbers it): visit 2 accepted the number against the register, whatever date was typed.
     */
    static PinResetRecord.InquirySheet inquiry(VisitorType visitor, Visit visit) {
        if (visitor != VisitorType.VOLUNTARY_PROXY || visit.inquirySheet() == null) {
            return null;
        }
        InquirySheet sheet = visit.inquirySheet();
        LocalDate sent = postedOn(sheet);
        return new PinResetRecord.InquirySheet(sheet.number(), sent, sent.plusDays(IdentityRules.INQUIRY_SHEET_VALID_DAYS));
    }

    private static LocalDate postedOn(InquirySheet sheet) {
        if (sheet.number().matches("Q[0-9]{8}-.+")) {
            try {
                return LocalDate.parse(sheet.number().substring(1, 9), DateTimeFormatter.BASIC_ISO_DATE);
            } catch (DateTimeParseException e) {
                return sheet.issuedOn();
            }
        }
        return sheet.issuedOn();
    }

    /**
     * 電子証明書 更新・発行 申請書兼処理記録票 (§6.3). A renewal when any certificate was renewed (then
     * the old expiry is the earliest of the renewed kinds before the act, and the window opened per
     * N15–N16); the adult-ward check passed, since the act was done; free (¥0: not part of a reissue).
     */
    static CertificateRecord certificates(List<RenewalWorkflow.Written> written, Set<PinType> pinsSet, VisitorType visitor,
                                          List<String> idMethod, FormSource s, Visit visit, Optional<CardRecord> before,
                                          Locale locale) {
        ResourceBundle words = words(locale);
        boolean renewal = written.stream().anyMatch(w -> w.type() == OperationType.CERT_RENEWED);
        List<CertificateRecord.IssuedCert> issued = written.stream()
                .sorted(Comparator.comparing(w -> w.kind().ordinal()))
                .map(w -> new CertificateRecord.IssuedCert(Kinds.CertKind.valueOf(w.kind().name()), w.certSerialHex(),
                        notAfterDate(w.notAfter())))
                .toList();
        Optional<Instant> oldNotAfter = renewal ? written.stream().filter(w -> w.type() == OperationType.CERT_RENEWED)
                .map(w -> before.map(b -> b.certificates().get(w.kind())).map(c -> c.notAfter()).orElse(null))
                .filter(java.util.Objects::nonNull).min(Comparator.naturalOrder()) : Optional.empty();
        LocalDate oldExpiry = oldNotAfter.map(ValidityRules::expiryDate).orElse(null);
        LocalDate windowOpened = oldNotAfter.map(n -> new ValidityRules().renewalWindow(ValidityRules.expiryDate(n), n).opensOn())
                .orElse(null);
        int age = ValidityRules.ageOn(s.holder().birthDate(), s.at().toLocalDate());
        return new CertificateRecord(s.header(), s.holder(), renewal, issued, age, true, oldExpiry, windowOpened,
                pinsSet.isEmpty(), visitor(visitor), visit.representativeName(), idMethod(idMethod, words),
                visitor == VisitorType.VOLUNTARY_PROXY ? visit.sealedAnswerUnopened() : null, 0);
    }

    private static LocalDate notAfterDate(String notAfter) {
        try {
            return ValidityRules.expiryDate(Instant.parse(notAfter));
        } catch (DateTimeParseException e) {
            return LocalDate.parse(notAfter.substring(0, Math.min(10, notAfter.length())));
        }
    }

    private static Kinds.VisitorType visitor(VisitorType v) {
        return Kinds.VisitorType.valueOf(v.name());
    }

    private static Kinds.CollectedItem item(CollectedItem.Kind kind) {
        return switch (kind) {
            case DELIVERY_NOTICE -> Kinds.CollectedItem.DELIVERY_NOTICE;
            case NOTIFICATION_CARD -> Kinds.CollectedItem.NOTIFICATION_CARD;
            case JUKI_CARD -> Kinds.CollectedItem.JUKI_CARD;
            case PREVIOUS_MY_NUMBER_CARD -> Kinds.CollectedItem.PREVIOUS_CARD;
        };
    }

    /** "A（顔写真付きの公的書類）×1" per document class, in the order first seen. */
    static String idMethod(List<String> classes, ResourceBundle words) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        classes.forEach(c -> counts.merge(c, 1, Integer::sum));
        List<String> parts = new ArrayList<>();
        counts.forEach((c, n) -> parts.add((words.containsKey("class." + c) ? words.getString("class." + c) : c) + "×" + n));
        return parts.isEmpty() ? "—" : String.join(" + ", parts);
    }

    private static List<String> documents(List<DocumentType> documents, ResourceBundle words) {
        return documents.stream().map(d -> words.containsKey("doc." + d.name()) ? words.getString("doc." + d.name())
                : words.getString("doc.other")).collect(Collectors.toList());
    }

    static ResourceBundle words(Locale locale) {
        return ResourceBundle.getBundle("jp.madoguchi.app.forms.FormWords", "en".equals(locale.getLanguage()) ? Locale.ENGLISH
                : Locale.ROOT, ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
    }
}
