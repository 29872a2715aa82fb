package jp.madoguchi.sim.card;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import jp.madoguchi.sim.card.vpcd.VpcdCard;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Independent middleware agrees with the emulator: OpenSC's tools, through pcscd + vpcd, recognise the
 * JPKI card and read the auth certificate byte for byte as the profile holds it.
 */
class OpenScInteropTest {
    private static VpcdCard vpcd;
    private static CardProfile profile;

    @BeforeAll
    static void insert() throws Exception {
        RealStack.factory();
        profile = Fixtures.hanakoOperational();
        vpcd = RealStack.insert(new CardSlot(new Card(profile, ProfileStore.inMemory(), CardRandom.secure()),
                Faults.none()), 0);
    }

    @AfterAll
    static void remove() throws Exception {
        RealStack.remove(vpcd, 0);
    }

    private static String run(String... command) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(command));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as(String.join(" ", cmd) + " finished").isTrue();
        assertThat(p.exitValue()).as(String.join(" ", cmd) + " exit status; output:\n" + out).isZero();
        return out;
    }

    @Test
    void openscToolNamesTheJpkiCard() throws Exception {
        assertThat(run("opensc-tool", "--reader", "0", "--name")).contains("jpki");
    }

    @Test
    void pkcs15ToolListsTheCertificates() throws Exception {
        String out = run("pkcs15-tool", "--reader", "0", "--list-certificates");
        assertThat(out).contains("User Authentication Certificate").contains("Path           : 000a")
                .contains("Digital Signature Certificate CA");
    }

    @Test
    void pkcs15ToolReadsTheAuthCertificateByteForByte(@TempDir Path dir) throws Exception {
        Path pem = dir.resolve("auth.pem");
        run("pkcs15-tool", "--reader", "0", "--read-certificate", "01", "--output", pem.toString());
        String text = Files.readString(pem, StandardCharsets.US_ASCII);
        String body = text.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        byte[] der = Base64.getDecoder().decode(body);
        assertThat(der).isEqualTo(profile.authCertificate());
        assertThat(CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der)))
                .isNotNull();
    }

    @Test
    void pkcs15ToolListsThePinsWithTheirTries() throws Exception {
        String out = run("pkcs15-tool", "--reader", "0", "--list-pins");
        assertThat(out).contains("User Authentication PIN").contains("Digital Signature PIN");
        assertThat(out).contains("Tries left     : 3").contains("Tries left     : 5");
    }
}
