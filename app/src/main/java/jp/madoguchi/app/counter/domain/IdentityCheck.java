package jp.madoguchi.app.counter.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What the clerk checked about who is at the counter (counter-rules §2.0). Whether it suffices for an
 * operation is decided by {@code rules.IdentityRules}.
 *
 * @param visitorType         who is at the counter
 * @param holderDocuments     the holder's documents (not counting the card the operation is about)
 * @param visitorDocuments    the representative's, proxy's or household member's own documents
 * @param proofs              card presented, face checked, PINs verified
 * @param legalRepresentative the legal representative, for the legal-representative route
 * @param proxy               what a proxy or household member brought
 */
public record IdentityCheck(VisitorType visitorType, List<IdentityDocument> holderDocuments,
                            List<IdentityDocument> visitorDocuments, Set<PossessionProof> proofs,
                            Optional<LegalRepresentative> legalRepresentative, ProxyPaperwork proxy) {

    public IdentityCheck {
        Objects.requireNonNull(visitorType, "visitorType");
        holderDocuments = List.copyOf(holderDocuments);
        visitorDocuments = List.copyOf(visitorDocuments);
        proofs = Set.copyOf(proofs);
        Objects.requireNonNull(legalRepresentative, "legalRepresentative");
        Objects.requireNonNull(proxy, "proxy");
    }

    /** The holder alone with their documents and proofs. */
    public static IdentityCheck holder(List<IdentityDocument> documents, Set<PossessionProof> proofs) {
        return new IdentityCheck(VisitorType.HOLDER, documents, List.of(), proofs, Optional.empty(), ProxyPaperwork.none());
    }

    /** Whether the clerk recorded the holder as an adult ward (PR-16). */
    public boolean adultWard() {
        return legalRepresentative.map(LegalRepresentative::holderIsAdultWard).orElse(false);
    }

    /**
     * The {@code idMethod} of the sync protocol: the classes of the documents seen, holder's first,
     * in the order shown. Only classes, never numbers (PR-12).
     */
    public List<DocumentClass> idMethod() {
        List<DocumentClass> method = new ArrayList<>();
        holderDocuments.forEach(d -> method.add(d.type().nominalClass()));
        visitorDocuments.forEach(d -> method.add(d.type().nominalClass()));
        return List.copyOf(method);
    }
}
