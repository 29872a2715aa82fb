package jp.madoguchi.cache;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A named value the store keeps about itself (terminal id, last clock reading). */
@Entity
@Table(name = "store_meta")
class MetaRow {
    @Id
    String name;
    String value;

    MetaRow() {
    }

    MetaRow(String name, String value) {
        this.name = name;
        this.value = value;
    }
}
