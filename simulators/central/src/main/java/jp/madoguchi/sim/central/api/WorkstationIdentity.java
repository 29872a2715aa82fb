package jp.madoguchi.sim.central.api;

import java.security.cert.X509Certificate;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;

/** Who is calling: the client certificate's CN (terminal), OU (office type) and O (office code). */
public record WorkstationIdentity(String terminalId, String officeType, String officeCode) {

    public static WorkstationIdentity of(X509Certificate cert) {
        X500Name name = X500Name.getInstance(cert.getSubjectX500Principal().getEncoded());
        return new WorkstationIdentity(value(name, BCStyle.CN), value(name, BCStyle.OU), value(name, BCStyle.O));
    }

    private static String value(X500Name name, ASN1ObjectIdentifier type) {
        RDN[] rdns = name.getRDNs(type);
        return rdns.length == 0 ? "" : IETFUtils.valueToString(rdns[0].getFirst().getValue());
    }

    /** The 9-character window ID of a sign certificate's CN: office code and terminal. */
    public String windowId() {
        String t = (terminalId + "000").substring(0, 3);
        return (officeCode + "000000").substring(0, 6) + t;
    }
}
