package jp.madoguchi.sim.central.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import jp.madoguchi.sim.central.CentralSystem;
import jp.madoguchi.sim.central.Enrolment;
import jp.madoguchi.sim.central.api.CentralServer;
import jp.madoguchi.sim.central.factory.CardFactory;
import jp.madoguchi.sim.central.faults.FaultInjector;
import jp.madoguchi.sim.central.faults.FaultSettings;
import jp.madoguchi.sim.central.pki.CentralKeys;

/**
 * {@code ./mado central [serve|enrol|make-cards|demo|help] [options]}: the reference central system
 * from the command line. {@code serve} (the default) runs in the foreground until killed.
 */
public final class CentralCommand {

    private static final String USAGE = """
            usage: ./mado central [COMMAND] [OPTIONS]
              serve (default)  run the central system in the foreground until killed
                  --data DIR            state directory (default ./central-data)
                  --host HOST           listen address (default 127.0.0.1)
                  --port P              HTTPS + mutual TLS port (default 8443)
                  --admin-port P        loopback admin port for faults and drills (default port+1; -1 = off)
                  --fault-latency-ms N  --fault-error-rate R  --fault-unavailable-rate R  --fault-retry-after S
                  --fault-reset-rate R  --fault-hang-rate R   --fault-partition  --fault-seed N
                  --fault-throttle-rate R (429 with Retry-After S)
              enrol --office CODE --type MUNICIPAL|MISSION|POST_OFFICE --terminal ID --out DIR [--password P]
                    [--data DIR] [--valid-days N]
                  writes DIR/workstation.p12, DIR/central-ca.pem and DIR/k-issuer.hex (password printed if generated)
              make-cards --office CODE --count N --out DIR [--express-share 0.1] [--seed N] [--data DIR]
                  synthesises residents, manufactures their cards, writes emulator profiles to DIR, ships them
              demo --data DIR [--enrol-out DIR2] [--port 8443]
                  office 131016 (MUNICIPAL) with a few cards in DIR/cards, terminal T01 enrolled into DIR2
                  (default DIR/enrolment; password in DIR2/workstation.password), then serve on 127.0.0.1
            """;

    private static final Set<String> FLAGS = Set.of("--fault-partition");

    private CentralCommand() {
    }

    public static void main(String[] args) throws Exception {
        if (System.getProperty("logback.configurationFile") == null) {
            // The simulator's own logging setup, named so it never clashes with a product module's logback.xml.
            System.setProperty("logback.configurationFile", "jp/madoguchi/sim/central/cli/central-logback.xml");
        }
        List<String> rest = new ArrayList<>(List.of(args));
        String command = rest.isEmpty() || rest.get(0).startsWith("--") ? "serve" : rest.remove(0);
        Map<String, String> o;
        try {
            o = options(rest);
        } catch (IllegalArgumentException e) {
            System.err.println("central: " + e.getMessage());
            System.err.print(USAGE);
            System.exit(2);
            return;
        }
        try {
            switch (command) {
                case "serve" -> serve(o);
                case "enrol" -> enrol(o);
                case "make-cards" -> makeCards(o);
                case "demo" -> demo(o);
                case "help", "-h", "--help" -> System.out.print(USAGE);
                default -> {
                    System.err.println("central: unknown command " + command);
                    System.err.print(USAGE);
                    System.exit(2);
                }
            }
        } catch (IllegalArgumentException e) {
            System.err.println("central: " + e.getMessage());
            System.exit(2);
        }
    }

    private static Map<String, String> options(List<String> args) {
        Map<String, String> o = new HashMap<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (!a.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument " + a);
            }
            if (FLAGS.contains(a)) {
                o.put(a, "true");
            } else if (i + 1 < args.size()) {
                o.put(a, args.get(++i));
            } else {
                throw new IllegalArgumentException(a + " needs a value");
            }
        }
        return o;
    }

    private static String required(Map<String, String> o, String name) {
        String v = o.get(name);
        if (v == null) {
            throw new IllegalArgumentException(name + " is required");
        }
        return v;
    }

    private static Path data(Map<String, String> o) {
        return Path.of(o.getOrDefault("--data", "central-data"));
    }

    private static FaultSettings faults(Map<String, String> o) {
        return new FaultSettings(Long.parseLong(o.getOrDefault("--fault-latency-ms", "0")),
                Double.parseDouble(o.getOrDefault("--fault-error-rate", "0")),
                Double.parseDouble(o.getOrDefault("--fault-unavailable-rate", "0")),
                Integer.parseInt(o.getOrDefault("--fault-retry-after", "1")),
                Double.parseDouble(o.getOrDefault("--fault-reset-rate", "0")),
                Double.parseDouble(o.getOrDefault("--fault-hang-rate", "0")),
                o.containsKey("--fault-partition"), Long.parseLong(o.getOrDefault("--fault-seed", "0")),
                Double.parseDouble(o.getOrDefault("--fault-throttle-rate", "0")));
    }

    private static void serve(Map<String, String> o) throws Exception {
        try (CentralSystem system = CentralSystem.open(data(o), Clock.systemUTC())) {
            runServer(system, o, o.getOrDefault("--host", "127.0.0.1"));
        }
    }

    private static void runServer(CentralSystem system, Map<String, String> o, String host) throws Exception {
        int port = Integer.parseInt(o.getOrDefault("--port", "8443"));
        int adminPort = Integer.parseInt(o.getOrDefault("--admin-port", Integer.toString(port == 0 ? 0 : port + 1)));
        FaultInjector faults = new FaultInjector();
        faults.set(faults(o));
        CentralServer server = CentralServer.start(system, faults, host, port, adminPort);
        System.out.println("central: serving https://" + host + ":" + server.port() + " (mutual TLS, data " + system.dataDir() + ")");
        if (server.adminPort() >= 0) {
            System.out.println("central: admin http://127.0.0.1:" + server.adminPort() + "/admin/faults");
        }
        CountDownLatch stop = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stop.countDown();
        }, "central-shutdown"));
        stop.await();
    }

    private static void enrol(Map<String, String> o) throws Exception {
        String password = o.get("--password");
        boolean generated = password == null;
        if (generated) {
            password = newPassword();
        }
        Path out = Path.of(required(o, "--out"));
        try (CentralSystem system = CentralSystem.open(data(o), Clock.systemUTC())) {
            Enrolment.enrol(system, required(o, "--office"), required(o, "--type"), required(o, "--terminal"), out,
                    password.toCharArray(), Duration.ofDays(Long.parseLong(o.getOrDefault("--valid-days", "730"))));
        }
        System.out.println("central: enrolled into " + out.toAbsolutePath());
        if (generated) {
            System.out.println("central: PKCS#12 password: " + password);
        }
    }

    private static String newPassword() {
        byte[] b = new byte[12];
        new SecureRandom().nextBytes(b);
        return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    private static void makeCards(Map<String, String> o) throws Exception {
        try (CentralSystem system = CentralSystem.open(data(o), Clock.systemUTC())) {
            CardFactory factory = new CardFactory(system, Long.parseLong(o.getOrDefault("--seed", Long.toString(System.nanoTime()))));
            List<CardFactory.Made> made = factory.make(required(o, "--office"), Integer.parseInt(required(o, "--count")),
                    Double.parseDouble(o.getOrDefault("--express-share", "0.1")), Path.of(required(o, "--out")));
            for (CardFactory.Made m : made) {
                System.out.println(m.cardSerial() + "  " + m.profile());
            }
            System.out.println("central: made and shipped " + made.size() + " cards");
        }
    }

    private static void demo(Map<String, String> o) throws Exception {
        Path dataDir = data(o);
        Path enrolOut = Path.of(o.getOrDefault("--enrol-out", dataDir.resolve("enrolment").toString()));
        try (CentralSystem system = CentralSystem.open(dataDir, Clock.systemUTC())) {
            Path passwordFile = enrolOut.resolve("workstation.password");
            if (!Files.exists(enrolOut.resolve(Enrolment.KEYSTORE)) || !Files.exists(passwordFile)) {
                String password = newPassword();
                Files.createDirectories(enrolOut);
                CentralKeys.writePrivate(passwordFile, password.getBytes(StandardCharsets.UTF_8));
                Enrolment.enrol(system, "131016", "MUNICIPAL", "T01", enrolOut, password.toCharArray(), Duration.ofDays(730));
                System.out.println("central: demo terminal T01 enrolled into " + enrolOut.toAbsolutePath());
            }
            Path cards = dataDir.resolve("cards");
            boolean noCards;
            try (var listing = Files.isDirectory(cards) ? Files.list(cards) : java.util.stream.Stream.<Path>empty()) {
                noCards = listing.findAny().isEmpty();
            }
            if (noCards) {
                List<CardFactory.Made> made = new CardFactory(system, 131016).make("131016", 6, 0.2, cards);
                System.out.println("central: demo office 131016 has " + made.size() + " new cards in " + cards.toAbsolutePath());
            }
            runServer(system, o, "127.0.0.1");
        }
    }
}
