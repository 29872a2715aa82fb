package jp.madoguchi.common;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Where a user's Madoguchi data and configuration live, by the OS convention: the XDG base
 * directories on Linux ({@code $XDG_DATA_HOME/madoguchi}, default {@code ~/.local/share/madoguchi}),
 * {@code %LOCALAPPDATA%\Madoguchi} on Windows, {@code ~/Library/Application Support/Madoguchi} on macOS.
 * Pure: the environment and system properties are passed in, so tests need no real home directory.
 */
public record DataDirectories(Path data, Path config, Path logs) {

    public static DataDirectories forCurrentUser() {
        return resolve(System.getenv(), System.getProperty("os.name", ""), System.getProperty("user.home"));
    }

    static DataDirectories resolve(Map<String, String> env, String osName, String userHome) {
        String os = osName.toLowerCase(Locale.ROOT);
        Path home = Path.of(userHome);
        Path data;
        Path config;
        if (os.startsWith("windows")) {
            Path local = env.containsKey("LOCALAPPDATA") ? Path.of(env.get("LOCALAPPDATA")) : home.resolve("AppData").resolve("Local");
            data = local.resolve("Madoguchi");
            config = data;
        } else if (os.startsWith("mac")) {
            data = home.resolve("Library").resolve("Application Support").resolve("Madoguchi");
            config = data;
        } else {
            data = xdg(env, "XDG_DATA_HOME", home.resolve(".local").resolve("share")).resolve("madoguchi");
            config = xdg(env, "XDG_CONFIG_HOME", home.resolve(".config")).resolve("madoguchi");
        }
        return new DataDirectories(data, config, data.resolve("logs"));
    }

    /** A relative or empty XDG variable is ignored, as the XDG specification requires. */
    private static Path xdg(Map<String, String> env, String name, Path fallback) {
        String value = env.get(name);
        return value != null && !value.isBlank() && Path.of(value).isAbsolute() ? Path.of(value) : fallback;
    }
}
