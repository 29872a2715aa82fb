package jp.madoguchi.sim.card;

import java.math.BigInteger;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAPublicKeySpec;
import java.util.Arrays;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** The simulated issuing service of the renewal tests: certifies whatever public key it is given. */
final class TestCa {
    private static KeyPair ca;

    private TestCa() {
    }

    /** Public key from the GENERATE answer {@code 7F49 82 0109 { 81 82 0100 n, 82 03 e }}. */
    static RSAPublicKey fromGenerate(byte[] answer) throws Exception {
        BigInteger n = new BigInteger(1, Arrays.copyOfRange(answer, 9, 265));
        BigInteger e = new BigInteger(1, Arrays.copyOfRange(answer, 267, 270));
        return (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(n, e));
    }

    static synchronized byte[] issue(RSAPublicKey key, String cn) throws Exception {
        if (ca == null) {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            ca = g.generateKeyPair();
        }
        X500Name issuer = new X500Name("C=JP,O=Madoguchi Simulated JPKI,OU=test issuing service");
        return new JcaX509v3CertificateBuilder(issuer, BigInteger.valueOf(System.nanoTime()),
                new Date(1_750_000_000_000L), new Date(1_900_000_000_000L), new X500Name("C=JP,CN=" + cn), key)
                .build(new JcaContentSignerBuilder("SHA256withRSA").build(ca.getPrivate())).getEncoded();
    }
}
