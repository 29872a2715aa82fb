package jp.madoguchi.app.counter.domain;

import java.util.Objects;

/**
 * 法定代理人 (counter-rules §2.0).
 *
 * @param name             the representative's name as written on the form (printed on the receipt)
 * @param proof            the proof of authority shown
 * @param holderIsAdultWard recorded by the clerk from a 成年後見登記事項証明書 (PR-16); from then on SIGN is refused
 */
public record LegalRepresentative(PersonName name, AuthorityProof proof, boolean holderIsAdultWard) {
    public LegalRepresentative {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(proof, "proof");
        if (holderIsAdultWard && proof.kind() != AuthorityProof.Kind.GUARDIANSHIP_REGISTRY_CERTIFICATE) {
            throw new IllegalArgumentException("adultWard is recorded only from a guardianship registry certificate (PR-16)");
        }
    }

    @Override
    public String toString() {
        return "LegalRepresentative[" + proof.kind() + (holderIsAdultWard ? ", adultWard" : "") + "]";
    }
}
