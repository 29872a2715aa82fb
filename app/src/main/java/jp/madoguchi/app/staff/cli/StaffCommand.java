package jp.madoguchi.app.staff.cli;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import jp.madoguchi.app.staff.DemoStaff;
import jp.madoguchi.app.staff.LockoutRule;
import jp.madoguchi.app.staff.PasswordHasher;
import jp.madoguchi.app.staff.StaffAccount;
import jp.madoguchi.app.staff.StaffDirectory;
import jp.madoguchi.app.staff.StaffRole;
import jp.madoguchi.common.Configuration;

/**
 * {@code ./mado staff …}: provisions the staff accounts of this workstation (docs/ui.md).
 * <pre>
 *   add ID CLERK|SUPERVISOR NAME   asks for the password twice (or reads one line from stdin with --password-stdin)
 *   list | unlock ID | remove ID
 *   demo                           adds the demo clerk C001 and supervisor S001 if missing
 * </pre>
 * The usual configuration options ({@code --set data.dir=…}, {@code --config FILE}) pick the data directory.
 * Exit status: 0 done, 1 refused (bad input, unknown id), 2 the configuration or the staff file cannot be used.
 */
public final class StaffCommand {

    private StaffCommand() {
    }

    public static void main(String[] args) {
        List<String> words = new ArrayList<>();
        List<String> configArgs = new ArrayList<>();
        boolean passwordStdin = false;
        for (int i = 0; i < args.length; i++) {
            if ((args[i].equals("--set") || args[i].equals("--config")) && i + 1 < args.length) {
                configArgs.add(args[i]);
                configArgs.add(args[++i]);
            } else if (args[i].equals("--password-stdin")) {
                passwordStdin = true;
            } else {
                words.add(args[i]);
            }
        }
        if (words.isEmpty()) {
            usage();
            System.exit(1);
            return;
        }
        StaffDirectory directory;
        Configuration config;
        try {
            config = Configuration.load(configArgs);
            // Before the first logger: the log lands in the workstation's data directory, as Main does.
            System.setProperty("madoguchi.log.dir", config.dataDirectory().resolve("logs").toString());
            directory = StaffDirectory.open(config.dataDirectory(), Clock.systemUTC(), LockoutRule.of(config),
                    new PasswordHasher(), () -> { });
        } catch (IllegalArgumentException | UncheckedIOException e) {
            System.err.println("madoguchi staff: " + e.getMessage());
            System.exit(2);
            return;
        }
        try {
            System.exit(run(directory, words, passwordStdin));
        } catch (IllegalArgumentException e) {
            System.err.println("madoguchi staff: " + e.getMessage());
            System.exit(1);
        } catch (UncheckedIOException e) {
            System.err.println("madoguchi staff: " + e.getMessage());
            System.exit(2);
        }
    }

    private static int run(StaffDirectory directory, List<String> words, boolean passwordStdin) {
        String command = words.get(0);
        switch (command) {
            case "add" -> {
                if (words.size() != 4) {
                    usage();
                    return 1;
                }
                StaffRole role;
                try {
                    role = StaffRole.valueOf(words.get(2).toUpperCase(Locale.ROOT));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("role must be CLERK or SUPERVISOR, not " + words.get(2), e);
                }
                char[] password = passwordStdin ? readStdinLine() : askTwice();
                if (password == null) {
                    return 1;
                }
                directory.provision(words.get(1), words.get(3), role, password);
                System.out.println("provisioned " + words.get(1) + " (" + role + ") in " + directory.file());
                return 0;
            }
            case "list" -> {
                for (StaffAccount a : directory.accounts()) {
                    System.out.printf("%-12s %-10s %s%s%n", a.staffId(), a.role(), a.displayName(),
                            a.lockedUntil() == null ? "" : "  (locked until " + a.lockedUntil() + ")");
                }
                return 0;
            }
            case "unlock", "remove" -> {
                if (words.size() != 2) {
                    usage();
                    return 1;
                }
                boolean done = command.equals("unlock") ? directory.unlock(words.get(1)) : directory.remove(words.get(1));
                System.out.println(done ? command + "ed " + words.get(1) : "no staff account " + words.get(1));
                return done ? 0 : 1;
            }
            case "demo" -> {
                List<String> added = DemoStaff.provisionMissing(directory);
                System.out.println(added.isEmpty() ? "demo staff already provisioned in " + directory.file()
                        : "provisioned demo staff " + added + " in " + directory.file());
                System.out.println("  clerk      " + DemoStaff.CLERK_ID + " / " + DemoStaff.CLERK_PASSWORD);
                System.out.println("  supervisor " + DemoStaff.SUPERVISOR_ID + " / " + DemoStaff.SUPERVISOR_PASSWORD);
                return 0;
            }
            default -> {
                usage();
                return 1;
            }
        }
    }

    private static char[] askTwice() {
        Console console = System.console();
        if (console == null) {
            System.err.println("madoguchi staff: no terminal to ask the password on; use --password-stdin");
            return null;
        }
        char[] first = console.readPassword("password: ");
        char[] second = console.readPassword("again: ");
        try {
            if (first == null || second == null || !Arrays.equals(first, second)) {
                System.err.println("madoguchi staff: the two passwords differ");
                return null;
            }
            return first.clone();
        } finally {
            if (first != null) {
                Arrays.fill(first, '\0');
            }
            if (second != null) {
                Arrays.fill(second, '\0');
            }
        }
    }

    /** One line from stdin, read character by character so no String ever holds the password. */
    private static char[] readStdinLine() {
        try {
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            char[] buffer = new char[256];
            int n = 0;
            int c;
            while ((c = in.read()) != -1 && c != '\n' && c != '\r') {
                if (n == buffer.length) {
                    Arrays.fill(buffer, '\0');
                    throw new IllegalArgumentException("password longer than 256 characters");
                }
                buffer[n++] = (char) c;
            }
            char[] password = Arrays.copyOf(buffer, n);
            Arrays.fill(buffer, '\0');
            return password;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void usage() {
        System.err.println("usage: staff add ID CLERK|SUPERVISOR NAME [--password-stdin] | list | unlock ID | remove ID | demo"
                + "  [--set data.dir=DIR] [--config FILE]");
    }
}
