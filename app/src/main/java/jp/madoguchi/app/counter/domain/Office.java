package jp.madoguchi.app.counter.domain;

import java.util.Objects;
import java.util.Set;

/**
 * One counter office.
 *
 * @param type        what kind of office it is
 * @param code        the office code (for a municipal counter its municipality code, e.g. {@code 131016})
 * @param name        the office's display name, used in {@code MDG-CARD-002}
 * @param servedMunicipalities the municipality codes whose residents this office serves: a municipal
 *                    counter's own code, or the municipalities that contracted a post office; empty
 *                    for a mission (it serves overseas cards, not municipalities)
 * @param contract    a post office's contracted operations (counter-rules PR-02: the capability list
 *                    from central configuration, which can only remove operations from the matrix);
 *                    ignored for the other office types
 */
public record Office(OfficeType type, String code, String name, Set<String> servedMunicipalities,
                     Set<ContractedOperation> contract) {

    public Office {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(name, "name");
        servedMunicipalities = Set.copyOf(servedMunicipalities);
        contract = Set.copyOf(contract);
        if (code.isBlank()) {
            throw new IllegalArgumentException("office code is blank");
        }
    }

    /** A municipal counter serving its own municipality. */
    public static Office municipal(String code, String name) {
        return new Office(OfficeType.MUNICIPAL, code, name, Set.of(code), Set.of());
    }

    /** An overseas mission. */
    public static Office mission(String code, String name) {
        return new Office(OfficeType.MISSION, code, name, Set.of(), Set.of());
    }

    /** A commissioned post office with its contracting municipalities and contracted operations. */
    public static Office postOffice(String code, String name, Set<String> municipalities,
                                    Set<ContractedOperation> contract) {
        return new Office(OfficeType.POST_OFFICE, code, name, municipalities, contract);
    }

    /** Whether a resident of {@code municipalityCode} is served here (never true at a mission). */
    public boolean serves(String municipalityCode) {
        return servedMunicipalities.contains(municipalityCode);
    }
}
