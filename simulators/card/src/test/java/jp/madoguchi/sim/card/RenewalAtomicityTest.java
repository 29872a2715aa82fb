package jp.madoguchi.sim.card;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.smartcardio.CardChannel;
import javax.smartcardio.CardException;
import javax.smartcardio.CommandAPDU;
import javax.smartcardio.TerminalFactory;
import jp.madoguchi.sim.card.provider.MadoguchiSimProvider;
import jp.madoguchi.sim.card.provider.SimReaders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pulling the card at every APDU of a sign-certificate renewal (card-spec.md §7.10.3) leaves the
 * profile file with the old key + certificate or the new ones, never a mix, and a card that
 * still works. Each run replays the renewal with the card vanishing at APDU n (processed, unanswered).
 */
class RenewalAtomicityTest {

    @Test
    void everyPullPointLeavesOldOrNewNeverAMix(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("card.json");
        Files.write(file, ProfileCodec.write(Fixtures.hanakoOperational()));
        byte[] original = Files.readAllBytes(file);
        int total = renew(file, 0).apdus();
        assertThat(total).as("APDUs of one renewal").isGreaterThan(10);
        int oldCount = 0;
        int newCount = 0;
        for (int n = 1; n <= total; n++) {
            Files.write(file, original);
            CardProfile before = ProfileStore.load(file);
            List<byte[]> issued = renew(file, n).issued();
            CardProfile after = ProfileStore.load(file);
            RSAPublicKey certKey = (RSAPublicKey) java.security.cert.CertificateFactory.getInstance("X.509")
                    .generateCertificate(new java.io.ByteArrayInputStream(after.signCertificate())).getPublicKey();
            assertThat(certKey.getModulus()).as("pull at APDU %d: key and certificate belong together", n)
                    .isEqualTo(after.signKey().getModulus());
            boolean old = Arrays.equals(after.signCertificate(), before.signCertificate());
            boolean renewed = issued.stream().anyMatch(c -> Arrays.equals(c, after.signCertificate()));
            assertThat(old || renewed).as("pull at APDU %d: old or new certificate", n).isTrue();
            assertThat(after.authCertificate()).isEqualTo(before.authCertificate());
            assertThat(after.pinSet(Credential.SIGN)).isTrue();
            if (old) {
                oldCount++;
            } else {
                newCount++;
            }
        }
        assertThat(oldCount).as("pulls before ACTIVATE").isEqualTo(total - 3);
        assertThat(newCount).as("pulls at or after ACTIVATE").isEqualTo(3);
    }

    /** How many APDUs the card saw (GET RESPONSE included) and which certificates were issued. */
    private record Run(int apdus, List<byte[]> issued) {
    }

    /** Runs the renewal against the profile file, the card vanishing at APDU {@code vanishAt} (0 = never). */
    private static Run renew(Path file, int vanishAt) throws Exception {
        CardProfile profile = ProfileStore.load(file);
        Faults faults = vanishAt == 0 ? Faults.none() : Faults.none().withVanishAfter(vanishAt);
        SimReaders readers = new SimReaders();
        readers.slot(0).insert(new CardSlot(new Card(profile, ProfileStore.file(file), CardRandom.deterministic(3)), faults));
        CardChannel ch = TerminalFactory.getInstance("MadoguchiSim", readers, new MadoguchiSimProvider()).terminals()
                .getTerminal("Madoguchi Sim 00 00").connect("T=1").getBasicChannel();
        List<byte[]> issued = new ArrayList<>();
        List<String> transcript = new ArrayList<>();
        try {
            byte[] key = profile.cardKey();
            send(ch, transcript, ApduSession.JPKI);
            byte[] nc = Arrays.copyOf(send(ch, transcript, "0084000010"), 16);
            byte[] nt = new byte[16];
            send(ch, transcript, "0082000120" + Hex.of(nt) + Hex.of(Cmac.compute(key, Tlv.concat(nc, nt))) + "10");
            byte[] generated = send(ch, transcript, "0047800002001A00");
            transcript.add("GET RESPONSE");
            RSAPublicKey pending = TestCa.fromGenerate(generated);
            send(ch, transcript, "802A00DA33" + ApduSession.DIGEST_ABC + "00");
            byte[] cert = TestCa.issue(pending, "renewal");
            issued.add(cert);
            send(ch, transcript, "00A4020C020001");
            for (int off = 0; off < cert.length; off += 255) {
                int n = Math.min(255, cert.length - off);
                send(ch, transcript, String.format("00D6%04X%02X", off, n) + Hex.of(Arrays.copyOfRange(cert, off, off + n)));
            }
            send(ch, transcript, "00440000");
            send(ch, transcript, "00A4020C020008");
            send(ch, transcript, "00B0000003");
        } catch (CardException e) {
            assertThat(vanishAt).as("only a pulled card fails").isPositive();
        }
        return new Run(transcript.size(), issued);
    }

    private static byte[] send(CardChannel ch, List<String> transcript, String apdu) throws CardException {
        transcript.add(apdu);
        var r = ch.transmit(new CommandAPDU(Hex.parse(apdu)));
        assertThat(r.getSW()).as(apdu).isEqualTo(0x9000);
        return r.getData();
    }
}
