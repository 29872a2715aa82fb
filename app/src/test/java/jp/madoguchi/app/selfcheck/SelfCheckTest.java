package jp.madoguchi.app.selfcheck;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import jp.madoguchi.common.Configuration;
import jp.madoguchi.common.FailureMessages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SelfCheckTest {

    @TempDir
    Path dir;

    private Configuration config(String... sets) {
        List<String> args = new java.util.ArrayList<>(List.of("--set", "data.dir=" + dir.resolve("data")));
        for (String s : sets) {
            args.add("--set");
            args.add(s);
        }
        return Configuration.load(args);
    }

    private SelfCheck check(Configuration c, Map<String, String> env) {
        return new SelfCheck(c, RuntimeModules::inBootLayer, env, Clock.fixed(Instant.parse("2026-11-25T00:00:00Z"), ZoneOffset.UTC));
    }

    @Test
    void setup_codes_have_japanese_and_english_texts() {
        assertThat(FailureMessages.catalogueProblems(SetupFailure.class)).isEmpty();
    }

    @Test
    void this_jdk_has_every_runtime_module_and_the_era_names() {
        SelfCheck c = check(config(), Map.of());
        assertThat(c.runtimeModules().ok()).isTrue();
        assertThat(SelfCheck.localeData().ok()).isTrue();
        assertThat(SelfCheck.javafx().ok()).isTrue();
    }

    @Test
    void a_runtime_without_smartcardio_is_named() {
        SelfCheck c = new SelfCheck(config(), m -> !m.equals("java.smartcardio") && !m.equals("jdk.localedata"), Map.of(), Clock.systemUTC());
        SelfCheck.Result r = c.runtimeModules();
        assertThat(r.failure()).isEqualTo(SetupFailure.RUNTIME_MODULES);
        assertThat(r.detail()).isEqualTo("missing: java.smartcardio, jdk.localedata");
    }

    @Test
    void pcsc_socket_is_looked_for_where_pcsclite_says() throws Exception {
        Path socket = Files.createFile(dir.resolve("pcscd.comm"));
        assertThat(check(config(), Map.of("PCSCLITE_CSOCK_NAME", socket.toString())).pcscService().ok()).isTrue();
        SelfCheck.Result missing = check(config(), Map.of("PCSCLITE_CSOCK_NAME", dir.resolve("none").toString())).pcscService();
        assertThat(missing.failure()).isEqualTo(SetupFailure.PCSC_SERVICE);
    }

    @Test
    void data_directory_is_created_and_probed_and_a_read_only_one_is_named() throws Exception {
        assertThat(check(config(), Map.of()).dataDirectory().ok()).isTrue();
        assertThat(Files.list(dir.resolve("data"))).isEmpty();
        Path blocker = Files.writeString(dir.resolve("file"), "x");
        SelfCheck.Result r = check(config("data.dir=" + blocker.resolve("sub")), Map.of()).dataDirectory();
        assertThat(r.failure()).isEqualTo(SetupFailure.DATA_DIRECTORY);
    }

    @Test
    void bad_settings_are_listed_together() {
        SelfCheck.Result r = check(config("office.type=CITY", "office.code=12", "cache.max.age.hours=200"), Map.of()).configuration();
        assertThat(r.failure()).isEqualTo(SetupFailure.CONFIGURATION);
        assertThat(r.detail()).contains("office.type").contains("office.code").contains("cache.max.age.hours");
        assertThat(check(config(), Map.of()).configuration().ok()).isTrue();
    }

    @Test
    void central_url_must_be_https() {
        assertThat(check(config("central.url=http://central.example"), Map.of()).centralUrl().failure())
                .isEqualTo(SetupFailure.CENTRAL_URL);
        assertThat(check(config(), Map.of()).centralUrl().ok()).isTrue();
    }

    @Test
    void enrolment_files_are_required_and_the_keystore_opened_and_dated() throws Exception {
        assertThat(check(config(), Map.of()).enrolment().failure()).isEqualTo(SetupFailure.ENROLMENT);

        Path enrolment = Files.createDirectories(dir.resolve("data/enrolment"));
        Files.writeString(enrolment.resolve("central-ca.pem"), "-----BEGIN CERTIFICATE-----\n");
        writeKeystore(enrolment.resolve("workstation.p12"), "s3cret".toCharArray(), Instant.parse("2027-01-01T00:00:00Z"));
        Files.writeString(enrolment.resolve("workstation.password"), "s3cret\n");
        assertThat(check(config(), Map.of()).enrolment().ok()).isTrue();

        Files.writeString(enrolment.resolve("workstation.password"), "wrong-pw\n");
        assertThat(check(config(), Map.of()).enrolment().detail()).contains("cannot open");

        writeKeystore(enrolment.resolve("workstation.p12"), "wrong-pw".toCharArray(), Instant.parse("2026-01-01T00:00:00Z"));
        assertThat(check(config(), Map.of()).enrolment().detail()).contains("expired");
    }

    @Test
    void training_mode_skips_central_checks() {
        List<SelfCheck.Result> results = check(config("training.mode=true"), Map.of()).run();
        assertThat(results).extracting(SelfCheck.Result::check).contains("central").doesNotContain("enrolment");
    }

    /** A PKCS#12 with one self-signed key entry, made with keytool as an operator would. */
    private void writeKeystore(Path file, char[] password, Instant notAfter) throws Exception {
        Files.deleteIfExists(file);
        long days = Math.max(1, java.time.Duration.between(Instant.parse("2025-06-01T00:00:00Z"), notAfter).toDays());
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-keystore", file.toString(), "-storetype", "PKCS12", "-storepass", new String(password),
                "-alias", "workstation", "-keyalg", "EC", "-dname", "CN=T01,O=131016", "-startdate", "2025/06/01 00:00:00",
                "-validity", Long.toString(days)).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as(out).isZero();
    }
}
