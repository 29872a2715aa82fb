package jp.madoguchi.sim.central.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ./mado central enrol} from the command line: the three files, a generated password that opens the keystore. */
class CentralCommandTest {

    @TempDir
    Path dir;

    @Test
    void enrol_writes_the_keystore_the_ca_and_k_issuer_and_prints_a_working_password() throws Exception {
        PrintStream saved = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            CentralCommand.main(new String[] {"enrol", "--office", "131016", "--type", "MISSION", "--terminal", "M01",
                "--out", dir.resolve("enrol").toString(), "--data", dir.resolve("data").toString()});
        } finally {
            System.setOut(saved);
        }
        String printed = out.toString(StandardCharsets.UTF_8);
        String password = printed.lines().filter(l -> l.contains("password:")).findFirst().orElseThrow()
                .replaceAll(".*password: ", "").trim();
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (var in = Files.newInputStream(dir.resolve("enrol/workstation.p12"))) {
            ks.load(in, password.toCharArray());
        }
        var cert = (java.security.cert.X509Certificate) ks.getCertificate("workstation");
        assertThat(cert.getSubjectX500Principal().getName()).isEqualTo("CN=M01,OU=MISSION,O=131016");
        assertThat(Files.readString(dir.resolve("enrol/central-ca.pem"))).startsWith("-----BEGIN CERTIFICATE-----");
        assertThat(Files.readString(dir.resolve("enrol/k-issuer.hex")).trim()).matches("[0-9A-F]{32}");
    }
}
