package jp.madoguchi.reports.model;

/**
 * The enumerations the forms print, named as in counter-rules §7's glossary. Their printed words are
 * in {@code labels/Enums.properties} (ja) and {@code Enums_en.properties}.
 */
public final class Kinds {

    private Kinds() {
    }

    /** PIN card, or face-auth card without PINs. */
    public enum CardType { PIN_CARD, FACE_AUTH }

    /** Signing and authentication certificates. */
    public enum CertKind { SIGN, AUTH }

    /** The four PINs of the card. */
    public enum PinType { SIGN, AUTH, JUKI, CARD_TEXT }

    /** Who stood at the counter. */
    public enum VisitorType { HOLDER, HOLDER_WITH_LEGAL_REP, LEGAL_REP, VOLUNTARY_PROXY, SAME_HOUSEHOLD }

    /** Items taken back at delivery (PR-18). */
    public enum CollectedItem { DELIVERY_NOTICE, NOTIFICATION_CARD, JUKI_CARD, PREVIOUS_CARD }

    /** What happened to each of them. */
    public enum ItemState { COLLECTED, DECLARED_LOST, NOT_HELD }

    /** Who keyed a PIN in at delivery. */
    public enum PinSetBy { HOLDER, LEGAL_REP, STAFF_FROM_SEALED_ENTRY }

    /** What must be renewed: the card itself or one of its certificates. */
    public enum RenewalTarget { CARD, SIGN, AUTH }

    /** Expiry-list status of a target. */
    public enum TargetStatus { RENEWED, NOT_YET, CARD_REVOKED }

    /** What a voluntary proxy asked for at visit 1 of the two-visit route (照会書兼回答書, counter-rules §2.0). */
    public enum InquiryOperation { PIN_RESET, PIN_CHANGE, SUSPENSION_LIFT, CERT_RENEWAL, CERT_ISSUE }

    /** The sync engine's view of the link to central. */
    public enum LinkState { ONLINE, DEGRADED, OFFLINE }
}
