package jp.madoguchi.sim.card.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import jp.madoguchi.sim.card.BadProfileException;
import jp.madoguchi.sim.card.Card;
import jp.madoguchi.sim.card.CardProfile;
import jp.madoguchi.sim.card.CardRandom;
import jp.madoguchi.sim.card.CardSlot;
import jp.madoguchi.sim.card.Faults;
import jp.madoguchi.sim.card.LifeCycle;
import jp.madoguchi.sim.card.ProfileCodec;
import jp.madoguchi.sim.card.ProfileGenerator;
import jp.madoguchi.sim.card.ProfileStore;
import jp.madoguchi.sim.card.vpcd.VpcdCard;

/**
 * {@code ./mado card …}: insert a card profile into pcscd's virtual reader, remove it, list what is
 * inserted, make profiles. Inserted cards are recorded in a state directory
 * ({@code $MADO_CARD_STATE}, default {@code target/mado/cards}) as one file per reader slot holding
 * the pid and the profile path, so {@code remove} and {@code list} work from other processes.
 * Exit status: 0 done, 1 failed, 2 bad usage.
 */
public final class CardCommand {
    private static final PrintStream OUT = System.out;
    private static final PrintStream ERR = System.err;

    private CardCommand() {
    }

    public static void main(String[] args) {
        int status;
        try {
            status = run(new ArrayDeque<>(List.of(args)));
        } catch (UsageException e) {
            ERR.println("card: " + e.getMessage());
            ERR.println(USAGE);
            status = 2;
        } catch (BadProfileException | IllegalArgumentException e) {
            ERR.println("card: " + e.getMessage());
            status = 1;
        } catch (IOException e) {
            ERR.println("card: " + e);
            status = 1;
        }
        System.exit(status);
    }

    static final String USAGE = String.join("\n",
            "usage: card insert PROFILE|--demo [--slot 0|1] [--port P] [--faults SPEC] [--deterministic SEED]",
            "       card remove [--slot 0|1] [--port P]",
            "       card list",
            "       card new-profile --out FILE [--seed N] [--name NAME] [--birth-date YYYY-MM-DD] [--sex 1|2]",
            "                        [--issued YYYY-MM-DD] [--my-number D12] [--chip-serial HEX16] [--pins-preset]",
            "                        [--operational] [--no-certificates] [--force]",
            "  --port defaults to $MADO_VPCD_PORT or 35963 (slot 1 uses port+1)",
            "  --faults e.g. vanish=12,slow=200,corrupt=0.2:truncate+flip+length+tlv,6f00=0.05,refuse-ea,seed=7");

    static int run(Deque<String> args) throws IOException {
        String verb = args.poll();
        if (verb == null) {
            throw new UsageException("no command");
        }
        switch (verb) {
            case "insert": return insert(args);
            case "remove": return remove(args);
            case "list": return list(args);
            case "new-profile": return newProfile(args);
            case "help":
            case "--help":
                OUT.println(USAGE);
                return 0;
            default: throw new UsageException("unknown command '" + verb + "'");
        }
    }

    private static int insert(Deque<String> args) throws IOException {
        Path profilePath = null;
        boolean demo = false;
        int slot = 0;
        int port = defaultPort();
        Faults faults = Faults.none();
        Long seed = null;
        while (!args.isEmpty()) {
            String a = args.poll();
            switch (a) {
                case "--demo": demo = true; break;
                case "--slot": slot = slotOf(value(args, a)); break;
                case "--port": port = portOf(value(args, a)); break;
                case "--faults": faults = Faults.parse(value(args, a)); break;
                case "--deterministic": seed = Long.parseLong(value(args, a)); break;
                default:
                    if (a.startsWith("--") || profilePath != null) {
                        throw new UsageException("unexpected '" + a + "'");
                    }
                    profilePath = Path.of(a);
            }
        }
        if (demo == (profilePath != null)) {
            throw new UsageException("insert needs either PROFILE or --demo");
        }
        if (demo) {
            profilePath = stateDir().getParent().resolve("demo-card.json");
            if (!Files.exists(profilePath)) {
                ProfileGenerator.Options o = new ProfileGenerator.Options();
                o.seed = 2025;
                Files.createDirectories(profilePath.toAbsolutePath().getParent());
                ProfileStore.writeAtomically(profilePath, ProfileCodec.write(ProfileGenerator.generate(o)));
                OUT.println("card: made the demo profile " + profilePath);
            }
        }
        CardProfile profile = ProfileStore.load(profilePath);
        int readerPort = port + slot;
        Path record = recordOf(readerPort);
        Optional<String> holder = liveHolder(record);
        if (holder.isPresent()) {
            ERR.println("card: slot " + slot + " (port " + readerPort + ") already holds " + holder.get());
            return 1;
        }
        Card card = new Card(profile, ProfileStore.file(profilePath),
                seed == null ? CardRandom.secure() : CardRandom.deterministic(seed));
        VpcdCard vpcd = new VpcdCard(new CardSlot(card, faults), "127.0.0.1", readerPort);
        Files.createDirectories(record.getParent());
        Files.writeString(record, ProcessHandle.current().pid() + "\n" + profilePath.toAbsolutePath() + "\n",
                StandardCharsets.UTF_8);
        java.util.concurrent.CountDownLatch stopped = new java.util.concurrent.CountDownLatch(1);
        // SIGTERM (card remove) closes the socket, which pcscd sees as a removal; the hook waits for
        // the serving loop to end so the profile is never cut mid-write.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            vpcd.remove();
            try {
                stopped.await(2, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "card-removal"));
        OUT.println("card: " + profile.cardSerial() + " in slot " + slot + " (vpcd 127.0.0.1:" + readerPort
                + "); stop with: card remove --slot " + slot);
        OUT.flush();
        try {
            vpcd.run();
        } finally {
            deleteIfOurs(record);
            stopped.countDown();
        }
        OUT.println("card: removed");
        return 0;
    }

    private static int remove(Deque<String> args) throws IOException {
        int slot = 0;
        int port = defaultPort();
        while (!args.isEmpty()) {
            String a = args.poll();
            switch (a) {
                case "--slot": slot = slotOf(value(args, a)); break;
                case "--port": port = portOf(value(args, a)); break;
                default: throw new UsageException("unexpected '" + a + "'");
            }
        }
        Path record = recordOf(port + slot);
        if (!Files.exists(record)) {
            ERR.println("card: no card in slot " + slot + " (port " + (port + slot) + ")");
            return 1;
        }
        long pid = Long.parseLong(Files.readAllLines(record).get(0).trim());
        Optional<ProcessHandle> process = ProcessHandle.of(pid);
        if (process.isEmpty() || !process.get().isAlive()) {
            Files.deleteIfExists(record);
            ERR.println("card: slot " + slot + " was recorded but its process " + pid + " is gone");
            return 1;
        }
        process.get().destroy();
        try {
            process.get().onExit().get(5, java.util.concurrent.TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            ERR.println("card: process " + pid + " did not stop within 5 s");
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
        Files.deleteIfExists(record);
        OUT.println("card: removed from slot " + slot);
        return 0;
    }

    private static int list(Deque<String> args) throws IOException {
        if (!args.isEmpty()) {
            throw new UsageException("list takes no arguments");
        }
        Path dir = stateDir();
        int count = 0;
        if (Files.isDirectory(dir)) {
            try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "port-*.card")) {
                for (Path f : files) {
                    Optional<String> holder = liveHolder(f);
                    if (holder.isPresent()) {
                        String port = f.getFileName().toString().replace("port-", "").replace(".card", "");
                        OUT.println("port " + port + ": " + holder.get());
                        count++;
                    }
                }
            }
        }
        if (count == 0) {
            OUT.println("no card inserted");
        }
        return 0;
    }

    private static int newProfile(Deque<String> args) throws IOException {
        ProfileGenerator.Options o = new ProfileGenerator.Options();
        Path out = null;
        boolean force = false;
        while (!args.isEmpty()) {
            String a = args.poll();
            switch (a) {
                case "--out": out = Path.of(value(args, a)); break;
                case "--seed": o.seed = Long.parseLong(value(args, a)); break;
                case "--name": o.name = value(args, a); break;
                case "--birth-date": o.birthDate = LocalDate.parse(value(args, a)); break;
                case "--sex": o.sex = Integer.valueOf(value(args, a)); break;
                case "--issued": o.issuedOn = LocalDate.parse(value(args, a)); break;
                case "--my-number": o.myNumber = value(args, a); break;
                case "--chip-serial": o.chipSerialNumber = value(args, a); break;
                case "--pins-preset": o.pinsPreset = true; break;
                case "--operational": o.lifeCycle = LifeCycle.OPERATIONAL; o.pinsPreset = true; break;
                case "--no-certificates": o.noCertificates = true; break;
                case "--force": force = true; break;
                default: throw new UsageException("unexpected '" + a + "'");
            }
        }
        if (out == null) {
            throw new UsageException("new-profile needs --out FILE");
        }
        if (Files.exists(out) && !force) {
            ERR.println("card: " + out + " exists (use --force to replace it)");
            return 1;
        }
        byte[] json = ProfileCodec.write(ProfileGenerator.generate(o));
        ProfileCodec.parse(json);
        Path parent = out.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        ProfileStore.writeAtomically(out, json);
        OUT.println("card: wrote " + out);
        return 0;
    }

    private static Optional<String> liveHolder(Path record) throws IOException {
        if (!Files.exists(record)) {
            return Optional.empty();
        }
        List<String> lines = Files.readAllLines(record);
        long pid = Long.parseLong(lines.get(0).trim());
        if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
            return Optional.of((lines.size() > 1 ? lines.get(1) : "?") + " (pid " + pid + ")");
        }
        Files.deleteIfExists(record);
        return Optional.empty();
    }

    private static void deleteIfOurs(Path record) {
        try {
            if (Files.exists(record)
                    && Files.readAllLines(record).get(0).trim().equals(Long.toString(ProcessHandle.current().pid()))) {
                Files.delete(record);
            }
        } catch (IOException e) {
            ERR.println("card: could not delete " + record + ": " + e.getMessage());
        }
    }

    private static Path stateDir() {
        String env = System.getenv("MADO_CARD_STATE");
        return env != null && !env.isEmpty() ? Path.of(env) : Path.of("target", "mado", "cards");
    }

    private static Path recordOf(int port) {
        return stateDir().resolve("port-" + port + ".card");
    }

    private static int defaultPort() {
        String env = System.getenv("MADO_VPCD_PORT");
        return env == null || env.isEmpty() ? 35963 : portOf(env);
    }

    private static int portOf(String s) {
        try {
            int p = Integer.parseInt(s);
            if (p < 1 || p > 65534) {
                throw new UsageException("port " + s + " out of range");
            }
            return p;
        } catch (NumberFormatException e) {
            throw new UsageException("port '" + s + "' is not a number");
        }
    }

    private static int slotOf(String s) {
        if (!s.equals("0") && !s.equals("1")) {
            throw new UsageException("slot must be 0 or 1");
        }
        return Integer.parseInt(s);
    }

    private static String value(Deque<String> args, String option) {
        String v = args.poll();
        if (v == null) {
            throw new UsageException(option + " needs a value");
        }
        return v;
    }

    /** Bad command line: exit status 2 with the usage text. */
    static final class UsageException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }
}
