package jp.madoguchi.app.selfcheck;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.LocalDate;
import java.time.chrono.JapaneseDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import jp.madoguchi.common.Configuration;

/**
 * {@code madoguchi --self-check}: verifies that an installed workstation can run — runtime modules,
 * Japanese locale data, JavaFX, the PC/SC service, the data directory, the configuration, the
 * central URL and the enrolment files — and names each failure with a {@link SetupFailure} code.
 * Reads only; the one write is a probe file in the data directory, removed at once.
 */
public final class SelfCheck {

    /** One line of the self-check's answer. {@code failure} is null when the check passed. */
    public record Result(String check, SetupFailure failure, String detail) {
        public boolean ok() {
            return failure == null;
        }
    }

    private static final Set<String> OFFICE_TYPES = Set.of("MUNICIPAL", "MISSION", "POST_OFFICE");

    private final Configuration config;
    private final Predicate<String> modulepresent;
    private final Map<String, String> env;
    private final Clock clock;

    public SelfCheck(Configuration config) {
        this(config, RuntimeModules::inBootLayer, System.getenv(), Clock.systemUTC());
    }

    SelfCheck(Configuration config, Predicate<String> modulePresent, Map<String, String> env, Clock clock) {
        this.config = config;
        this.modulepresent = modulePresent;
        this.env = env;
        this.clock = clock;
    }

    public List<Result> run() {
        List<Result> results = new ArrayList<>();
        results.add(runtimeModules());
        results.add(localeData());
        results.add(javafx());
        results.add(pcscService());
        results.add(dataDirectory());
        results.add(configuration());
        if (config.getBoolean("training.mode")) {
            results.add(new Result("central", null, "training mode: the central system is never contacted"));
        } else {
            results.add(centralUrl());
            results.add(enrolment());
        }
        return Collections.unmodifiableList(results);
    }

    Result runtimeModules() {
        List<String> missing = RuntimeModules.missing(modulepresent);
        return missing.isEmpty()
                ? new Result("runtime modules", null, RuntimeModules.REQUIRED.size() + " modules present")
                : new Result("runtime modules", SetupFailure.RUNTIME_MODULES, "missing: " + String.join(", ", missing));
    }

    static Result localeData() {
        String era = DateTimeFormatter.ofPattern("GGGG", Locale.JAPAN).format(JapaneseDate.from(LocalDate.of(2026, 4, 1)));
        return "令和".equals(era)
                ? new Result("Japanese calendar", null, "era names from jdk.localedata")
                : new Result("Japanese calendar", SetupFailure.LOCALE_DATA, "era prints as '" + era + "' (jdk.localedata missing)");
    }

    static Result javafx() {
        try {
            // By name: only the UI package may link against JavaFX.
            Class.forName("javafx.application.Platform", false, SelfCheck.class.getClassLoader());
            return new Result("JavaFX", null, "present");
        } catch (ClassNotFoundException | LinkageError e) {
            return new Result("JavaFX", SetupFailure.JAVAFX, "javafx.graphics not found: " + e);
        }
    }

    /**
     * pcsc-lite's socket (its path may be moved with PCSCLITE_CSOCK_NAME). On Windows the smart-card
     * service starts on demand when a reader is attached, so its absence is not an installation fault.
     */
    Result pcscService() {
        if (System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows")) {
            return new Result("PC/SC service", null, "Windows smart-card service (started on demand)");
        }
        Path socket = Path.of(env.getOrDefault("PCSCLITE_CSOCK_NAME", "/run/pcscd/pcscd.comm"));
        return Files.exists(socket)
                ? new Result("PC/SC service", null, "pcscd socket " + socket)
                : new Result("PC/SC service", SetupFailure.PCSC_SERVICE,
                        "no pcscd socket at " + socket + " (is the pcscd package installed and its socket enabled?)");
    }

    Result dataDirectory() {
        Path dir = config.dataDirectory();
        try {
            Files.createDirectories(dir);
            Path probe = Files.createTempFile(dir, ".self-check", ".tmp");
            try (FileChannel channel = FileChannel.open(probe, StandardOpenOption.WRITE)) {
                channel.write(StandardCharsets.US_ASCII.encode("ok"));
                channel.force(true);
            } finally {
                Files.deleteIfExists(probe);
            }
            return new Result("data directory", null, dir + " writable");
        } catch (IOException | SecurityException e) {
            return new Result("data directory", SetupFailure.DATA_DIRECTORY, dir + " not writable: " + e.getMessage());
        }
    }

    Result configuration() {
        List<String> problems = new ArrayList<>();
        if (!OFFICE_TYPES.contains(config.get("office.type"))) {
            problems.add("office.type must be one of " + OFFICE_TYPES);
        }
        if (!config.get("office.code").matches("\\d{6}")) {
            problems.add("office.code must be 6 digits");
        }
        if (config.get("terminal.id").isBlank()) {
            problems.add("terminal.id is empty");
        }
        if (!Set.of("ja", "en").contains(config.get("ui.locale"))) {
            problems.add("ui.locale must be ja or en");
        }
        if (!Set.of("ERROR", "WARN", "INFO", "DEBUG").contains(config.get("log.level"))) {
            problems.add("log.level must be ERROR, WARN, INFO or DEBUG");
        }
        if (!Set.of("pcsc", "sim").contains(config.get("reader.provider"))) {
            problems.add("reader.provider must be pcsc or sim");
        }
        try {
            int hours = config.getInt("cache.max.age.hours");
            if (hours < 0 || hours > 168) {
                problems.add("cache.max.age.hours must be 0-168");
            }
            if (config.getInt("central.timeout.seconds") <= 0) {
                problems.add("central.timeout.seconds must be positive");
            }
            config.getBoolean("training.mode");
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage());
        }
        return problems.isEmpty()
                ? new Result("configuration", null, "valid")
                : new Result("configuration", SetupFailure.CONFIGURATION, String.join("; ", problems));
    }

    Result centralUrl() {
        String url = config.get("central.url");
        try {
            URI uri = new URI(url);
            if (!"https".equals(uri.getScheme()) || uri.getHost() == null) {
                return new Result("central URL", SetupFailure.CENTRAL_URL, url + " is not an https URL with a host");
            }
            return new Result("central URL", null, url);
        } catch (URISyntaxException e) {
            return new Result("central URL", SetupFailure.CENTRAL_URL, url + ": " + e.getMessage());
        }
    }

    /** The workstation PKCS#12 and the central CA certificate; opened when the password file is there. */
    Result enrolment() {
        Path keystore = enrolmentFile("central.keystore", "workstation.p12");
        Path truststore = enrolmentFile("central.truststore", "central-ca.pem");
        List<String> problems = new ArrayList<>();
        if (!Files.isReadable(truststore)) {
            problems.add("central CA certificate missing: " + truststore);
        }
        if (!Files.isReadable(keystore)) {
            problems.add("workstation certificate missing: " + keystore);
        } else {
            Path passwordFile = keystore.resolveSibling("workstation.password");
            if (Files.isReadable(passwordFile)) {
                problems.addAll(keystoreProblems(keystore, passwordFile));
            }
        }
        return problems.isEmpty()
                ? new Result("enrolment", null, keystore + ", " + truststore)
                : new Result("enrolment", SetupFailure.ENROLMENT, String.join("; ", problems));
    }

    private List<String> keystoreProblems(Path keystore, Path passwordFile) {
        char[] password = null;
        try (InputStream in = Files.newInputStream(keystore)) {
            password = Files.readString(passwordFile, StandardCharsets.UTF_8).strip().toCharArray();
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(in, password);
            for (String alias : Collections.list(ks.aliases())) {
                if (ks.isKeyEntry(alias) && ks.getCertificate(alias) instanceof X509Certificate cert) {
                    if (cert.getNotAfter().toInstant().isBefore(clock.instant())) {
                        return List.of("workstation certificate expired on " + cert.getNotAfter().toInstant());
                    }
                    return List.of();
                }
            }
            return List.of("no private key in " + keystore);
        } catch (IOException | GeneralSecurityException e) {
            return List.of("cannot open " + keystore + ": " + e.getMessage());
        } finally {
            if (password != null) {
                java.util.Arrays.fill(password, '\0');
            }
        }
    }

    private Path enrolmentFile(String key, String defaultName) {
        String value = config.get(key);
        return value.isBlank() ? config.dataDirectory().resolve("enrolment").resolve(defaultName) : Path.of(value);
    }
}
