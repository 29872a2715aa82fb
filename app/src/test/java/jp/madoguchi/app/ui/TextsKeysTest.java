package jp.madoguchi.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every text key the UI code names exists in both bundles, and every key of the bundles is named by
 * the code. Keys are string literals in a known namespace (the first segment); configuration keys
 * such as "ui.locale" live in other namespaces and are not texts.
 */
class TextsKeysTest {

    static final Set<String> NAMESPACES = Set.of("age", "app", "awaiting", "card", "common", "diag", "main", "nav", "pinpad",
            "role", "settings", "signin", "reports", "status", "sync", "wizard");
    private static final Pattern LITERAL = Pattern.compile("\"([a-z][A-Za-z]*)\\.([A-Za-z0-9_.]+)\"");
    private static final Path SOURCES = Path.of("src/main/java/jp/madoguchi/app/ui");

    static Set<String> keysInCode() throws IOException {
        Set<String> keys = new TreeSet<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                Matcher m = LITERAL.matcher(Files.readString(file));
                while (m.find()) {
                    if (NAMESPACES.contains(m.group(1))) {
                        keys.add(m.group(1) + "." + m.group(2));
                    }
                }
            }
        }
        return keys;
    }

    /** The file itself, not a bundle: a bundle would hide a key missing in English behind the Japanese parent. */
    static Properties load(String file) throws IOException {
        Properties p = new Properties();
        try (var in = TextsKeysTest.class.getResourceAsStream(file)) {
            p.load(new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8));
        }
        return p;
    }

    @Test
    void code_and_bundles_name_the_same_keys() throws IOException {
        Set<String> inCode = keysInCode();
        assertThat(inCode).as("the scan finds the keys").contains("app.title", "status.link.ONLINE", "nav.settings");
        for (String file : List.of("Texts.properties", "Texts_en.properties")) {
            Properties bundle = load(file);
            Set<String> inBundle = new TreeSet<>(bundle.stringPropertyNames());
            String locale = file;
            Set<String> missing = new TreeSet<>(inCode);
            missing.removeAll(inBundle);
            Set<String> unused = new TreeSet<>(inBundle);
            unused.removeAll(inCode);
            assertThat(missing).as("keys missing from the " + locale + " bundle").isEmpty();
            assertThat(unused).as("keys in the " + locale + " bundle that no code uses").isEmpty();
            for (String key : inBundle) {
                assertThat(NAMESPACES).as("namespace of " + key).contains(key.substring(0, key.indexOf('.')));
                assertThat(bundle.getProperty(key)).as(key).isNotBlank();
            }
        }
    }

    @Test
    void the_two_languages_have_the_same_placeholders() throws IOException {
        Properties ja = load("Texts.properties");
        Properties en = load("Texts_en.properties");
        Pattern placeholder = Pattern.compile("\\{[a-z]+}");
        for (String key : ja.stringPropertyNames()) {
            List<String> a = placeholder.matcher(ja.getProperty(key)).results().map(r -> r.group()).sorted().toList();
            List<String> b = placeholder.matcher(en.getProperty(key, "")).results().map(r -> r.group()).sorted().toList();
            assertThat(b).as(key).isEqualTo(a);
        }
    }

    @Test
    void english_texts_are_not_left_in_japanese() throws IOException {
        Properties en = load("Texts_en.properties");
        for (String key : en.stringPropertyNames()) {
            if (!key.equals("settings.language.self")) {
                assertThat(en.getProperty(key)).as(key).doesNotContainPattern("[\\p{IsHiragana}\\p{IsKatakana}\\p{IsHan}]");
            }
        }
    }
}
