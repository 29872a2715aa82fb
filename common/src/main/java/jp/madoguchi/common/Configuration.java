package jp.madoguchi.common;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The workstation's settings, from one file format ({@code madoguchi.properties}, UTF-8), layered so
 * the last word wins:
 * <ol>
 *   <li>the documented defaults shipped in this jar ({@code madoguchi-defaults.properties});</li>
 *   <li>the machine file, {@code /etc/madoguchi/madoguchi.properties} (set by municipal IT);</li>
 *   <li>the user's file in the {@link DataDirectories#config() config directory};</li>
 *   <li>a file named on the command line with {@code --config FILE};</li>
 *   <li>{@code --set key=value} on the command line, and {@code -Dmadoguchi.key=value}.</li>
 * </ol>
 * An unknown key is an error, so a typo in a counter PC's file is caught at start, not ignored.
 * Immutable and thread-safe.
 */
public final class Configuration {

    /** The machine layer: /etc/madoguchi on Linux, %ProgramData%\\Madoguchi on Windows. */
    public static final Path MACHINE_FILE = machineFile(System.getProperty("os.name", ""), System.getenv());
    private static final String DEFAULTS = "madoguchi-defaults.properties";

    private final Map<String, String> values;
    private final Map<String, String> origins;

    private Configuration(Map<String, String> values, Map<String, String> origins) {
        this.values = Collections.unmodifiableMap(new TreeMap<>(values));
        this.origins = Collections.unmodifiableMap(new TreeMap<>(origins));
    }

    /** Loads every layer for the current user; {@code args} are the command line's. */
    public static Configuration load(List<String> args) {
        return load(MACHINE_FILE, DataDirectories.forCurrentUser().config().resolve("madoguchi.properties"), args,
                System.getProperties());
    }

    static Path machineFile(String osName, Map<String, String> env) {
        if (osName.toLowerCase(java.util.Locale.ROOT).startsWith("windows")) {
            return Path.of(env.getOrDefault("ProgramData", "C:\\ProgramData"), "Madoguchi", "madoguchi.properties");
        }
        return Path.of("/etc/madoguchi/madoguchi.properties");
    }

    /**
     * Merges {@code --set key=value} pairs of {@code args} into a machine file (the Windows installer's
     * silent-install step, and administrators). Keys are checked against the defaults first; the
     * file is replaced atomically so a failed write leaves the old one.
     */
    public static Path writeMachineFile(Path machineFile, List<String> args) throws IOException {
        Configuration merged = load(machineFile, Path.of("/nonexistent"), args, new Properties());
        Properties defaults = new Properties();
        try (var in = Configuration.class.getResourceAsStream(DEFAULTS)) {
            defaults.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
        }
        Properties out = new Properties();
        merged.values.forEach((k, v) -> {
            if (!merged.origins.get(k).equals("default") || !v.equals(defaults.getProperty(k))) {
                out.setProperty(k, v);
            }
        });
        Files.createDirectories(machineFile.toAbsolutePath().getParent());
        Path tmp = Files.createTempFile(machineFile.toAbsolutePath().getParent(), ".madoguchi", ".tmp");
        try (var w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
            out.store(w, "Madoguchi machine settings (written by madoguchi --write-machine-config)");
        }
        Files.move(tmp, machineFile, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        return machineFile;
    }

    static Configuration load(Path machineFile, Path userFile, List<String> args, Properties systemProperties) {
        Map<String, String> values = new LinkedHashMap<>();
        Map<String, String> origins = new LinkedHashMap<>();
        Properties defaults = new Properties();
        try (var in = Configuration.class.getResourceAsStream(DEFAULTS)) {
            defaults.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        defaults.stringPropertyNames().forEach(k -> put(values, origins, k, defaults.getProperty(k), "default"));

        layerFile(values, origins, machineFile);
        layerFile(values, origins, userFile);
        List<String> sets = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            if (args.get(i).equals("--config") && i + 1 < args.size()) {
                Path file = Path.of(args.get(++i));
                if (!Files.isRegularFile(file)) {
                    throw new IllegalArgumentException("configuration file not found: " + file);
                }
                layerFile(values, origins, file);
            } else if (args.get(i).equals("--set") && i + 1 < args.size()) {
                sets.add(args.get(++i));
            }
        }
        for (String name : systemProperties.stringPropertyNames()) {
            if (name.startsWith("madoguchi.") && defaults.containsKey(name.substring("madoguchi.".length()))) {
                put(values, origins, name.substring("madoguchi.".length()), systemProperties.getProperty(name), "-D" + name);
            }
        }
        for (String set : sets) {
            int eq = set.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("--set expects key=value, got: " + set);
            }
            put(values, origins, set.substring(0, eq).trim(), set.substring(eq + 1).trim(), "--set");
        }
        for (String key : values.keySet()) {
            if (!defaults.containsKey(key)) {
                throw new IllegalArgumentException("unknown setting '" + key + "' from " + origins.get(key)
                        + "; known settings are listed in " + DEFAULTS);
            }
        }
        return new Configuration(values, origins);
    }

    private static void layerFile(Map<String, String> values, Map<String, String> origins, Path file) {
        if (!Files.isRegularFile(file)) {
            return;
        }
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read configuration " + file, e);
        }
        p.stringPropertyNames().forEach(k -> put(values, origins, k, p.getProperty(k).trim(), file.toString()));
    }

    private static void put(Map<String, String> values, Map<String, String> origins, String k, String v, String origin) {
        values.put(k, v);
        origins.put(k, origin);
    }

    public String get(String key) {
        String v = values.get(key);
        if (v == null) {
            throw new IllegalArgumentException("unknown setting: " + key);
        }
        return v;
    }

    public int getInt(String key) {
        try {
            return Integer.parseInt(get(key));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("setting " + key + " from " + origins.get(key) + " is not a number: " + get(key), e);
        }
    }

    public boolean getBoolean(String key) {
        String v = get(key);
        if (!v.equals("true") && !v.equals("false")) {
            throw new IllegalArgumentException("setting " + key + " from " + origins.get(key) + " must be true or false: " + v);
        }
        return Boolean.parseBoolean(v);
    }

    /** The data directory: the setting if not empty, else the OS convention. */
    public Path dataDirectory() {
        String v = get("data.dir");
        return v.isBlank() ? DataDirectories.forCurrentUser().data() : Path.of(v);
    }

    /** Where each value came from ("default", a file path, "--set", "-Dmadoguchi.x"), for diagnostics. */
    public String origin(String key) {
        return origins.get(key);
    }

    public Map<String, String> asMap() {
        return values;
    }
}
