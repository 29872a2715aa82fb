package jp.madoguchi.card.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import jp.madoguchi.card.CardConnection.ReadRequest;
import jp.madoguchi.card.CardMonitor;
import jp.madoguchi.card.CardSnapshot;
import jp.madoguchi.card.CertificateInfo;
import jp.madoguchi.card.PinStatus;
import jp.madoguchi.card.PinVerification;
import jp.madoguchi.card.TerminalSource;
import jp.madoguchi.common.MadoguchiException;

/**
 * {@code ./mado read [--reader NAME] [--pin-stdin] [--show-number] [--wait SECONDS]}: reads the card
 * through PC/SC and prints the snapshot as JSON, for diagnostics and as a black-box check. With
 * {@code --pin-stdin} the first line of stdin is the 入力補助 PIN (My Number and basic 4 information)
 * and an optional second line the sign password (sign certificate). The My Number is masked unless
 * {@code --show-number}. Exit status 0, or 1 with the failure code on stderr.
 */
public final class ReadCommand {

    private ReadCommand() {
    }

    public static void main(String[] args) throws Exception {
        String reader = null;
        boolean pinStdin = false;
        boolean showNumber = false;
        Duration wait = Duration.ofSeconds(3);
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--reader" -> reader = value(args, ++i);
                case "--pin-stdin" -> pinStdin = true;
                case "--show-number" -> showNumber = true;
                case "--wait" -> wait = Duration.ofSeconds(Long.parseLong(value(args, ++i)));
                case "--help", "-h" -> {
                    System.out.println("usage: mado read [--reader NAME] [--pin-stdin] [--show-number] [--wait SECONDS]");
                    return;
                }
                default -> {
                    System.err.println("unknown argument: " + args[i]);
                    System.exit(2);
                }
            }
        }
        char[] textPin = null;
        char[] signPin = null;
        if (pinStdin) {
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            textPin = line(in);
            signPin = line(in);
        }
        try (CardMonitor monitor = new CardMonitor(TerminalSource.pcsc()).start()) {
            String name = monitor.awaitCard(reader, wait);
            ReadRequest request = new ReadRequest(textPin, signPin, null);
            CardSnapshot snapshot = monitor.submit(name, c -> c.read(request)).get();
            System.out.println(json(name, snapshot, showNumber));
        } catch (ExecutionException e) {
            if (e.getCause() instanceof MadoguchiException m) {
                fail(m);
            }
            throw e;
        } catch (MadoguchiException e) {
            fail(e);
        } finally {
            clear(textPin);
            clear(signPin);
        }
    }

    private static void fail(MadoguchiException e) {
        // The message already names the code; the cause tells an engineer which layer answered.
        String cause = e.getCause() == null ? "" : " (" + e.getCause().getMessage() + ")";
        System.err.println(e.code() + ": " + e.clerkMessage(Locale.ENGLISH) + cause);
        System.exit(1);
    }

    /** The snapshot as pretty JSON; the My Number is masked unless {@code showNumber}. */
    public static String json(String reader, CardSnapshot s, boolean showNumber) throws IOException {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = mapper.createObjectNode();
        root.put("reader", reader);
        root.put("cardSerial", s.cardSerial());
        root.put("municipalityCode", s.common().municipalityCode());
        root.put("cardExpiry", s.common().cardExpiry().toString());
        s.myNumber().ifPresent(n -> root.put("myNumber", showNumber ? n.digits() : n.masked()));
        s.basicInfo().ifPresent(b -> {
            ObjectNode basic = root.putObject("basicInfo");
            basic.put("name", b.name());
            basic.put("address", b.address());
            basic.put("birthDate", b.birthDate().toString());
            basic.put("sex", b.sex().name());
            basic.put("sexCode", b.sexCode());
        });
        ObjectNode pins = root.putObject("pins");
        for (PinStatus p : s.pins().values()) {
            ObjectNode pin = pins.putObject(p.pin().name());
            pin.put("state", p.state().name());
            pin.put("remaining", p.remaining());
        }
        s.cardTextPinResult().ifPresent(v -> putResult(root, "cardTextPinResult", v));
        s.signPinResult().ifPresent(v -> putResult(root, "signPinResult", v));
        s.lifeCycle().ifPresent(l -> root.put("lifeCycle", l.name()));
        root.put("authCertificatePresent", s.authCertificatePresent());
        root.put("signCertificatePresent", s.signCertificatePresent());
        s.token().ifPresent(t -> root.put("tokenLabel", t.label()));
        s.cardFace().ifPresent(f -> {
            ObjectNode face = root.putObject("cardFace");
            face.put("municipalityCode", f.municipalityCode());
            face.put("keyId", f.keyIdHex());
            face.put("version", f.versionHex());
        });
        putCertificate(root, "authCertificate", s.authCertificate());
        putCertificate(root, "authCaCertificate", s.authCaCertificate());
        putCertificate(root, "signCaCertificate", s.signCaCertificate());
        putCertificate(root, "signCertificate", s.signCertificate());
        root.put("apduCount", s.apduCount());
        return mapper.writeValueAsString(root);
    }

    private static void putResult(ObjectNode root, String field, PinVerification v) {
        ObjectNode node = root.putObject(field);
        node.put("result", v.result().name());
        node.put("remaining", v.remaining());
    }

    private static void putCertificate(ObjectNode root, String field, Optional<CertificateInfo> cert) {
        cert.ifPresent(c -> {
            ObjectNode node = root.putObject(field);
            node.put("subject", c.subject());
            node.put("issuer", c.issuer());
            node.put("serialNumber", c.serialNumber().toString(16));
            node.put("notBefore", c.notBefore().toString());
            node.put("notAfter", c.notAfter().toString());
            node.put("keyBits", c.keyBits());
            node.put("der", Base64.getEncoder().encodeToString(c.derBytes()));
        });
    }

    private static char[] line(BufferedReader in) throws IOException {
        String s = in.readLine();
        return s == null || s.isEmpty() ? null : s.trim().toCharArray();
    }

    private static void clear(char[] pin) {
        if (pin != null) {
            Arrays.fill(pin, '\0');
        }
    }

    private static String value(String[] args, int i) {
        if (i >= args.length) {
            System.err.println("missing value for " + args[i - 1]);
            System.exit(2);
        }
        return args[i];
    }
}
