package jp.madoguchi.reports.model;

import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import jp.madoguchi.reports.model.Kinds.RenewalTarget;

/**
 * 更新のご案内 (counter-rules §6.5): the office's own letter to one resident. What must be renewed is
 * the letter's heading, in plain words; every one of the three things is listed as renew / not needed,
 * so the card and the certificates cannot be mistaken for one another (the operator's FY2026 plan).
 */
public record RenewalNotice(@NameText String name, String nameFurigana, String postalCode, String address,
                            List<Item> items, Office office, LocalDate issuedOn) {

    public RenewalNotice {
        Fields.required("name", name);
        Fields.required("postalCode", postalCode);
        Fields.required("address", address);
        items = Fields.list("items", items);
        if (items.isEmpty()) {
            Fields.required("items", null);
        }
        Fields.required("office", office);
        Fields.required("issuedOn", issuedOn);
    }

    /** One thing to renew, with its expiry and the day its window opens. */
    public record Item(RenewalTarget what, LocalDate expiry, LocalDate windowOpens) {
        public Item {
            Fields.required("items.what", what);
            Fields.required("items.expiry", expiry);
            Fields.required("items.windowOpens", windowOpens);
        }
    }

    /** Where to go. */
    public record Office(String name, String address, String openingHours, String telephone) {
        public Office {
            Fields.required("office.name", name);
            Fields.required("office.address", address);
            Fields.required("office.openingHours", openingHours);
            Fields.required("office.telephone", telephone);
        }
    }

    public Set<RenewalTarget> targets() {
        Set<RenewalTarget> set = EnumSet.noneOf(RenewalTarget.class);
        items.forEach(i -> set.add(i.what()));
        return set;
    }

    /** The three rows of the letter's table, card first: due items carry their dates, the rest null. */
    public List<Row> rows() {
        return java.util.Arrays.stream(RenewalTarget.values()).map(t -> items.stream()
                .filter(i -> i.what() == t).findFirst()
                .map(i -> new Row(t, true, i.expiry(), i.windowOpens()))
                .orElse(new Row(t, false, null, null))).toList();
    }

    /** A printed row of the table. */
    public record Row(RenewalTarget what, boolean due, LocalDate expiry, LocalDate windowOpens) {
    }
}
