package jp.madoguchi.installer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import jp.madoguchi.app.selfcheck.RuntimeModules;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The .deb as municipal IT meets it: its control data, unpacked into a temporary root with
 * {@code dpkg-deb -x}, the packaged launcher's {@code --self-check}, and the packaged app started
 * under Xvfb until it shows its first screen. Runs in the {@code deb} profile after the package
 * is built ({@code ./mado test}).
 */
class DebPackageIT {

    @TempDir
    static Path root;

    static Path deb;
    static Path launcher;

    @BeforeAll
    static void unpack() throws Exception {
        try (Stream<Path> files = Files.list(Path.of("target/jpackage/dist"))) {
            deb = files.filter(f -> f.toString().endsWith(".deb")).findFirst().orElseThrow();
        }
        assertThat(run(List.of("dpkg-deb", "-x", deb.toString(), root.toString()), Duration.ofMinutes(2)).exit).isZero();
        launcher = root.resolve("opt/madoguchi/bin/madoguchi");
        assertThat(launcher).isExecutable();
    }

    @Test
    void control_data_names_the_system_packages_it_needs() throws Exception {
        String depends = run(List.of("dpkg-deb", "-f", deb.toString(), "Depends"), Duration.ofSeconds(30)).out;
        assertThat(depends).contains("pcscd").contains("libgtk-3-0").contains("libpcsclite1").contains("fonts-ipaexfont-gothic")
                .contains("libopenjp2-7");
        String desktop = Files.readString(root.resolve("opt/madoguchi/lib/madoguchi-madoguchi.desktop"));
        assertThat(desktop).contains("Name[ja]=窓口").contains("Exec=/opt/madoguchi/bin/madoguchi");
        assertThat(root.resolve("opt/madoguchi/lib/app/madoguchi.properties.example")).isRegularFile();
        List<String> classes = Files.readAllLines(root.resolve("opt/madoguchi/lib/app/madoguchi.classlist"));
        assertThat(classes).as("the recorded start reached the sign-in screen")
                .contains("jp/madoguchi/app/cli/Main", "jp/madoguchi/app/ui/SignInView", "javafx/stage/Stage").hasSizeGreaterThan(2000);
    }

    @Test
    void runtime_image_holds_exactly_the_linked_modules() throws Exception {
        String release = Files.readString(root.resolve("opt/madoguchi/lib/runtime/release"));
        String modules = release.lines().filter(l -> l.startsWith("MODULES=")).findFirst().orElseThrow();
        for (String module : RuntimeModules.REQUIRED) {
            assertThat(modules).contains(module);
        }
        assertThat(modules).doesNotContain("jdk.compiler").doesNotContain("jdk.jshell");
    }

    @Test
    void packaged_self_check_passes_on_a_configured_machine_and_names_what_is_wrong() throws Exception {
        Path data = Files.createDirectories(root.resolve("home/data"));
        Path enrolment = Files.createDirectories(data.resolve("enrolment"));
        Files.writeString(enrolment.resolve("central-ca.pem"), "-----BEGIN CERTIFICATE-----\n");
        Result keytool = run(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(), "-genkeypair",
                "-keystore", enrolment.resolve("workstation.p12").toString(), "-storetype", "PKCS12", "-storepass", "enrolled",
                "-alias", "workstation", "-keyalg", "EC", "-dname", "CN=T01,O=131016", "-validity", "30"), Duration.ofMinutes(1));
        assertThat(keytool.exit).as(keytool.out).isZero();
        Files.writeString(enrolment.resolve("workstation.password"), "enrolled\n");

        Result ok = run(List.of(launcher.toString(), "--self-check", "--set", "data.dir=" + data), Duration.ofMinutes(1));
        assertThat(ok.exit).as(ok.out).isZero();
        assertThat(ok.out).contains("OK  runtime modules").contains("OK  Japanese calendar").contains("OK  enrolment");

        Result bad = run(List.of(launcher.toString(), "--self-check", "--set", "data.dir=" + data,
                "--set", "central.url=http://central.invalid"), Duration.ofMinutes(1));
        assertThat(bad.exit).as(bad.out).isEqualTo(3);
        assertThat(bad.out).contains("NG  central URL").contains("MDG-SETUP-007");
    }

    /**
     * dpkg installs the package into a copy-on-write view of this machine (an overlay over {@code /} in
     * a private mount namespace, entered with chroot, thrown away afterwards): postinst makes the
     * class-data sharing archive, the installed launcher maps it ({@code -Xshare:on} would stop the JVM
     * otherwise; the class-loading log names the archive as the main class's source), and after
     * {@code dpkg -r} postrm has removed it. Needs root (as {@code ./mado test} runs).
     */
    @Test
    void installed_package_makes_its_class_data_archive_maps_it_and_removes_it() throws Exception {
        assertThat(run(List.of("id", "-u"), Duration.ofSeconds(10)).out.trim()).as("this test installs the .deb: run it as root").isEqualTo("0");
        Path work = Files.createDirectories(root.resolve("overlay"));
        Result r = run(List.of("unshare", "--mount", "--propagation", "private", "bash", "-ec", INSTALL_SCRIPT, "install",
                deb.toAbsolutePath().toString(), work.toString()), Duration.ofMinutes(8));
        assertThat(r.exit).as(r.out).isZero();
        assertThat(r.out).as(r.out).containsPattern("archive after install: [1-9][0-9]{6,} bytes")
                .contains("menu entries after install: 1")
                .contains("madoguchi: no desktop menu on this machine; the menu entry was not added")
                .contains("configure without a desktop menu: exit 0")
                .contains("self-check with -Xshare:on: exit 3")
                .contains("main class source: shared objects file")
                .contains("archive after remove: absent")
                .contains("/opt/madoguchi after remove: absent");
    }

    /**
     * $1 the .deb, $2 an empty directory. The chroot sees this machine's files through the overlay, so
     * the package's dependencies are those installed here; every write lands in a tmpfs.
     */
    private static final String INSTALL_SCRIPT = """
            deb=$1; work=$2
            mount -t tmpfs tmpfs "$work"
            mkdir "$work/upper" "$work/scratch" "$work/root"
            mount -t overlay overlay -o lowerdir=/,upperdir="$work/upper",workdir="$work/scratch" "$work/root"
            for fs in proc sys dev; do mount --rbind "/$fs" "$work/root/$fs"; done
            mount -t tmpfs tmpfs "$work/root/tmp"
            cp "$deb" "$work/root/tmp/madoguchi.deb"
            # First a machine with a desktop menu: the entry lands in it.
            mkdir -p "$work/root/etc/xdg/menus" "$work/root/usr/share/desktop-directories" "$work/root/usr/share/applications"
            inside() { chroot "$work/root" "$@"; }
            inside dpkg -i /tmp/madoguchi.deb
            echo "menu entries after install: $(ls "$work/root/usr/share/applications" | grep -c '^madoguchi-madoguchi\\.desktop$')"
            jsa=/opt/madoguchi/lib/app/madoguchi.jsa
            echo "archive after install: $(inside stat -c %s "$jsa") bytes"
            set +e
            inside env JAVA_TOOL_OPTIONS="-Xshare:on -Xlog:class+load=info:file=/tmp/classes.log" \
                /opt/madoguchi/bin/madoguchi --self-check --set data.dir=/tmp/data
            echo "self-check with -Xshare:on: exit $?"
            set -e
            echo "main class source: $(grep -o 'jp.madoguchi.app.cli.Main source: .*' "$work/root/tmp/classes.log" | sed 's/.*source: //')"
            # Then one without (no desktop-directories, as on this CI machine): configuring again and removing
            # must still succeed, with a warning.
            rm -rf "$work/root/etc/xdg/menus" "$work/root/usr/share/desktop-directories"
            set +e
            inside /var/lib/dpkg/info/madoguchi.postinst configure > "$work/configure.out" 2>&1
            echo "configure without a desktop menu: exit $?"
            set -e
            cat "$work/configure.out"
            inside dpkg -r madoguchi
            if [ -e "$work/root$jsa" ]; then echo "archive after remove: present"; else echo "archive after remove: absent"; fi
            if [ -e "$work/root/opt/madoguchi" ]; then echo "/opt/madoguchi after remove: present"; else echo "/opt/madoguchi after remove: absent"; fi
            """;

    @Test
    void packaged_app_starts_under_xvfb_and_reaches_the_sign_in_screen() throws Exception {
        // Unpacked, not installed: no postinst ran, so the archive the launcher names is missing. That costs speed only.
        assertThat(Files.readString(root.resolve("opt/madoguchi/lib/app/madoguchi.cfg")))
                .contains("-XX:SharedArchiveFile=$APPDIR/madoguchi.jsa");
        assertThat(root.resolve("opt/madoguchi/lib/app/madoguchi.jsa")).doesNotExist();
        Path data = Files.createDirectories(root.resolve("home/ui"));
        Path log = data.resolve("logs/madoguchi.log");
        Process app = new ProcessBuilder("xvfb-run", "-a", "-s", "-screen 0 1280x800x24", launcher.toString(),
                "--set", "data.dir=" + data, "--set", "training.mode=true")
                .redirectErrorStream(true).redirectOutput(root.resolve("ui.out").toFile()).start();
        try {
            Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
            boolean started = false;
            while (!started && app.isAlive() && Instant.now().isBefore(deadline)) {
                started = Files.exists(log) && Files.readString(log, StandardCharsets.UTF_8).contains("sign-in screen shown");
                Thread.sleep(250);
            }
            assertThat(started).as("log line 'sign-in screen shown'; output:%n%s",
                    Files.readString(root.resolve("ui.out"))).isTrue();
        } finally {
            app.descendants().forEach(ProcessHandle::destroy);
            app.destroy();
            app.waitFor(10, TimeUnit.SECONDS);
            app.descendants().forEach(ProcessHandle::destroyForcibly);
            app.destroyForcibly();
        }
    }

    record Result(int exit, String out) {
    }

    static Result run(List<String> command, Duration timeout) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            p.destroyForcibly();
            throw new IOException("timed out: " + command);
        }
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }
}
