package jp.madoguchi.reports.model;

import java.time.LocalDate;
import java.util.List;
import jp.madoguchi.reports.model.Kinds.CardType;
import jp.madoguchi.reports.model.Kinds.CertKind;
import jp.madoguchi.reports.model.Kinds.CollectedItem;
import jp.madoguchi.reports.model.Kinds.ItemState;
import jp.madoguchi.reports.model.Kinds.PinSetBy;
import jp.madoguchi.reports.model.Kinds.PinType;
import jp.madoguchi.reports.model.Kinds.VisitorType;

/**
 * 交付受領書 (counter-rules §6.1): printed twice, the office copy signed by the holder or
 * representative and the holder's copy. Never carries a PIN, the My Number or a document number.
 *
 * @param cardSerialLast4     at most the last 4 characters of the card serial
 * @param representativeName  the legal representative or proxy, null for the holder alone
 * @param proxyReason         the printed proxy reason, null unless a voluntary proxy collected
 * @param pinsSet             empty when the PINs were preset ({@code pinsPreset})
 * @param offline             completed offline: prints the certificate notice of §2.1
 */
public record DeliveryReceipt(FormHeader header, Holder holder, String cardSerialLast4, CardType cardType,
                              LocalDate cardExpiry, List<CertOnCard> certificates, VisitorType visitorType,
                              @NameText String representativeName, String proxyReason, String idMethod,
                              List<String> idDocumentTypes, List<ItemCollected> items, List<PinSet> pinsSet,
                              boolean pinsPreset, boolean offline) {

    public DeliveryReceipt {
        Fields.required("header", header);
        Fields.required("holder", holder);
        Fields.required("cardSerialLast4", cardSerialLast4);
        if (cardSerialLast4.codePointCount(0, cardSerialLast4.length()) > 4) {
            // The form may never show more of the serial (§6): take the tail, not the caller's word.
            cardSerialLast4 = cardSerialLast4.substring(cardSerialLast4.offsetByCodePoints(
                    cardSerialLast4.length(), -4));
        }
        Fields.required("cardType", cardType);
        Fields.required("cardExpiry", cardExpiry);
        certificates = Fields.list("certificates", certificates);
        Fields.required("visitorType", visitorType);
        Fields.required("idMethod", idMethod);
        idDocumentTypes = Fields.list("idDocumentTypes", idDocumentTypes);
        items = Fields.list("items", items);
        pinsSet = Fields.list("pinsSet", pinsSet);
    }

    /** A certificate on the card and its expiry. */
    public record CertOnCard(CertKind kind, LocalDate expiry) {
        public CertOnCard {
            Fields.required("certificates.kind", kind);
            Fields.required("certificates.expiry", expiry);
        }
    }

    /** One item taken back, or declared lost, or never held. */
    public record ItemCollected(CollectedItem item, ItemState state) {
        public ItemCollected {
            Fields.required("items.item", item);
            Fields.required("items.state", state);
        }
    }

    /** A PIN set at the counter and who keyed it in (never its value). */
    public record PinSet(PinType pin, PinSetBy by) {
        public PinSet {
            Fields.required("pinsSet.pin", pin);
            Fields.required("pinsSet.by", by);
        }
    }
}
