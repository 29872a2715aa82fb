package jp.madoguchi.app.ui;

import jp.madoguchi.app.counter.domain.CertKind;
import jp.madoguchi.app.counter.domain.CollectedItem;
import jp.madoguchi.app.counter.domain.DocumentType;
import jp.madoguchi.app.counter.domain.Operation;
import jp.madoguchi.app.counter.domain.PinType;
import jp.madoguchi.app.counter.domain.ProxyEvidence;
import jp.madoguchi.app.counter.domain.ProxyReason;
import jp.madoguchi.app.counter.domain.VisitorType;
import jp.madoguchi.app.counter.workflow.PinResetWorkflow;
import jp.madoguchi.cache.OperationType;

/**
 * The names the wizards show for the counter's enums. Each key is written out (not built from the
 * constant's name) so that TextsKeysTest sees it; a constant the wizards do not offer has no text.
 */
final class WizardTexts {

    private WizardTexts() {
    }

    static String act(Texts t, WizardViewModel.Act act) {
        return t.get(switch (act) {
            case DELIVERY -> "wizard.act.DELIVERY";
            case PIN_RESET -> "wizard.act.PIN_RESET";
            case PIN_CHANGE -> "wizard.act.PIN_CHANGE";
            case RENEWAL -> "wizard.act.RENEWAL";
            case ISSUANCE -> "wizard.act.ISSUANCE";
            case SUSPENSION_LIFT -> "wizard.act.SUSPENSION_LIFT";
            case OLD_CARD_COLLECTION -> "wizard.act.OLD_CARD_COLLECTION";
            case PROXY_INQUIRY -> "wizard.act.PROXY_INQUIRY";
        });
    }

    /** The operations of the two-visit proxy route ({@link WizardViewModel#INQUIRY_OPERATIONS}); no other has a text. */
    static String operation(Texts t, Operation operation) {
        return t.get(switch (operation) {
            case PIN_RESET -> "wizard.operation.PIN_RESET";
            case PIN_CHANGE -> "wizard.operation.PIN_CHANGE";
            case SUSPENSION_LIFT -> "wizard.operation.SUSPENSION_LIFT";
            case CERT_RENEWAL -> "wizard.operation.CERT_RENEWAL";
            case CERT_ISSUE -> "wizard.operation.CERT_ISSUE";
            default -> throw new IllegalArgumentException("no two-visit route for " + operation);
        });
    }

    static String pin(Texts t, PinType type) {
        return t.get(switch (type) {
            case SIGN -> "wizard.pin.SIGN";
            case AUTH -> "wizard.pin.AUTH";
            case JUKI -> "wizard.pin.JUKI";
            case CARD_TEXT -> "wizard.pin.CARD_TEXT";
        });
    }

    static String kind(Texts t, CertKind kind) {
        return t.get(switch (kind) {
            case SIGN -> "wizard.kind.SIGN";
            case AUTH -> "wizard.kind.AUTH";
        });
    }

    static String issueType(Texts t, OperationType type) {
        return t.get(type == OperationType.CERT_ISSUED ? "wizard.issue.CERT_ISSUED" : "wizard.issue.CERT_RENEWED");
    }

    /** A receipt's identity-document class ({@code DocumentClass} name, as the workflows record it). */
    static String documentClass(Texts t, String documentClass) {
        return switch (documentClass) {
            case "ID_A" -> t.get("wizard.docClass.ID_A");
            case "ID_B" -> t.get("wizard.docClass.ID_B");
            default -> documentClass;
        };
    }

    static String visitor(Texts t, VisitorType visitor) {
        return t.get(switch (visitor) {
            case HOLDER -> "wizard.visitor.HOLDER";
            case HOLDER_WITH_LEGAL_REP -> "wizard.visitor.HOLDER_WITH_LEGAL_REP";
            case LEGAL_REP -> "wizard.visitor.LEGAL_REP";
            case VOLUNTARY_PROXY -> "wizard.visitor.VOLUNTARY_PROXY";
            case SAME_HOUSEHOLD -> "wizard.visitor.SAME_HOUSEHOLD";
        });
    }

    static String document(Texts t, DocumentType type) {
        return t.get(switch (type) {
            case PASSPORT -> "wizard.doc.PASSPORT";
            case DRIVERS_LICENSE -> "wizard.doc.DRIVERS_LICENSE";
            case RESIDENCE_CARD -> "wizard.doc.RESIDENCE_CARD";
            case PHYSICAL_DISABILITY_HANDBOOK -> "wizard.doc.PHYSICAL_DISABILITY_HANDBOOK";
            case HEALTH_INSURANCE_CERTIFICATE -> "wizard.doc.HEALTH_INSURANCE_CERTIFICATE";
            case PENSION_BOOK -> "wizard.doc.PENSION_BOOK";
            case STUDENT_ID -> "wizard.doc.STUDENT_ID";
            default -> "wizard.doc.other";
        });
    }

    static String item(Texts t, CollectedItem.Kind kind) {
        return t.get(switch (kind) {
            case DELIVERY_NOTICE -> "wizard.item.DELIVERY_NOTICE";
            case NOTIFICATION_CARD -> "wizard.item.NOTIFICATION_CARD";
            case JUKI_CARD -> "wizard.item.JUKI_CARD";
            case PREVIOUS_MY_NUMBER_CARD -> "wizard.item.PREVIOUS_MY_NUMBER_CARD";
        });
    }

    static String disposition(Texts t, CollectedItem.Disposition d) {
        return t.get(switch (d) {
            case COLLECTED -> "wizard.disposition.COLLECTED";
            case DECLARED_LOST -> "wizard.disposition.DECLARED_LOST";
            case NOT_HELD -> "wizard.disposition.NOT_HELD";
        });
    }

    static String reason(Texts t, PinResetWorkflow.Reason reason) {
        return t.get(switch (reason) {
            case FORGOTTEN -> "wizard.reason.FORGOTTEN";
            case BLOCKED -> "wizard.reason.BLOCKED";
            case OTHER -> "wizard.reason.OTHER";
        });
    }

    static String proxyReason(Texts t, ProxyReason reason) {
        return t.get(switch (reason) {
            case WARD_CURATORSHIP -> "wizard.proxyReason.WARD_CURATORSHIP";
            case PRESCHOOL_OR_PUPIL -> "wizard.proxyReason.PRESCHOOL_OR_PUPIL";
            case HIGH_SCHOOL -> "wizard.proxyReason.HIGH_SCHOOL";
            case AGE_75_PLUS -> "wizard.proxyReason.AGE_75_PLUS";
            case HOSPITAL -> "wizard.proxyReason.HOSPITAL";
            case DISABILITY -> "wizard.proxyReason.DISABILITY";
            case CARE_FACILITY -> "wizard.proxyReason.CARE_FACILITY";
            case CARE_CERTIFIED -> "wizard.proxyReason.CARE_CERTIFIED";
            case PREGNANCY -> "wizard.proxyReason.PREGNANCY";
            case LONG_TRIP_OR_SEAFARER -> "wizard.proxyReason.LONG_TRIP_OR_SEAFARER";
            case STUDY_ABROAD -> "wizard.proxyReason.STUDY_ABROAD";
            case WITHDRAWAL -> "wizard.proxyReason.WITHDRAWAL";
        });
    }

    static String proxyEvidence(Texts t, ProxyEvidence evidence) {
        return t.get(switch (evidence) {
            case MEDICAL_CERTIFICATE -> "wizard.proxyEvidence.MEDICAL_CERTIFICATE";
            case HANDBOOK -> "wizard.proxyEvidence.HANDBOOK";
            case CARE_INSURANCE_CARD -> "wizard.proxyEvidence.CARE_INSURANCE_CARD";
            case PHOTO_CERTIFICATE -> "wizard.proxyEvidence.PHOTO_CERTIFICATE";
            case OTHER_DOCUMENT -> "wizard.proxyEvidence.OTHER_DOCUMENT";
        });
    }
}
