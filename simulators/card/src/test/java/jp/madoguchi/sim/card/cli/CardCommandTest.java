package jp.madoguchi.sim.card.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.smartcardio.CardTerminal;
import javax.smartcardio.TerminalFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code card new-profile}, {@code insert}, {@code list} and {@code remove} as separate processes, with
 * the inserted card seen by pcscd in slot 1 and the profile's counters kept after removal.
 */
class CardCommandTest {

    private static int port() {
        String p = System.getenv("MADO_VPCD_PORT");
        return p == null || p.isEmpty() ? 35963 : Integer.parseInt(p);
    }

    private static ProcessBuilder java(Path state, String... args) {
        List<String> cmd = new ArrayList<>(List.of(
                System.getProperty("java.home") + File.separator + "bin" + File.separator + "java",
                "-cp", System.getProperty("java.class.path"), CardCommand.class.getName()));
        cmd.addAll(List.of(args));
        ProcessBuilder b = new ProcessBuilder(cmd).redirectErrorStream(true);
        b.environment().put("MADO_CARD_STATE", state.toString());
        b.environment().put("MADO_VPCD_PORT", Integer.toString(port()));
        return b;
    }

    private static String runToEnd(ProcessBuilder b, int expectedStatus) throws Exception {
        Process p = b.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isEqualTo(expectedStatus);
        return out;
    }

    @Test
    void insertListRemoveAcrossProcesses(@TempDir Path dir) throws Exception {
        TerminalFactory f = TerminalFactory.getDefault();
        assertThat(f.getType()).as("pcscd must run (./mado test)").isEqualTo("PC/SC");
        CardTerminal slot1 = f.terminals().getTerminal("Virtual PCD 00 01");
        assertThat(slot1).isNotNull();
        Path state = dir.resolve("state");
        Path profile = dir.resolve("card.json");

        runToEnd(java(state, "new-profile", "--out", profile.toString(), "--seed", "77", "--operational"), 0);
        assertThat(runToEnd(java(state, "new-profile", "--out", profile.toString()), 1)).contains("exists");
        assertThat(runToEnd(java(state, "bogus"), 2)).contains("usage:");
        assertThat(runToEnd(java(state, "list"), 0)).contains("no card inserted");

        Process inserted = java(state, "insert", profile.toString(), "--slot", "1").start();
        try {
            assertThat(slot1.waitForCardPresent(10_000)).as("pcscd sees the card").isTrue();
            javax.smartcardio.Card c = slot1.connect("T=1");
            var ch = c.getBasicChannel();
            ch.transmit(new javax.smartcardio.CommandAPDU(
                    jp.madoguchi.sim.card.Hex.parse("00A4040C0AD392F000260100000001")));
            assertThat(ch.transmit(new javax.smartcardio.CommandAPDU(
                    jp.madoguchi.sim.card.Hex.parse("002000980430303030"))).getSW()).isEqualTo(0x63C2);
            c.disconnect(true);
            assertThat(runToEnd(java(state, "list"), 0)).contains("port " + (port() + 1)).contains(profile.toString());
            assertThat(runToEnd(java(state, "insert", profile.toString(), "--slot", "1"), 1)).contains("already holds");
            assertThat(runToEnd(java(state, "remove", "--slot", "1"), 0)).contains("removed");
            assertThat(slot1.waitForCardAbsent(10_000)).isTrue();
            assertThat(inserted.waitFor(10, TimeUnit.SECONDS)).isTrue();
        } finally {
            inserted.destroy();
            inserted.waitFor(10, TimeUnit.SECONDS);
        }
        assertThat(runToEnd(java(state, "remove", "--slot", "1"), 1)).contains("no card");
        assertThat(Files.readString(profile)).contains("\"triesLeft\" : 2");

        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, "{\"formatVersion\" : 1}");
        assertThat(runToEnd(java(state, "insert", bad.toString(), "--slot", "1"), 1)).contains("serial");
        assertThat(slot1.isCardPresent()).isFalse();
    }

    @Test
    void demoInsertMakesItsProfileOnceAndReusesIt(@TempDir Path dir) throws Exception {
        CardTerminal slot1 = TerminalFactory.getDefault().terminals().getTerminal("Virtual PCD 00 01");
        assertThat(slot1).as("vpcd slot 1 in pcscd (./mado test)").isNotNull();
        Path state = dir.resolve("cards");
        String first = demoRound(slot1, state, dir.resolve("first.log"));
        assertThat(first).contains("made the demo profile");
        assertThat(dir.resolve("demo-card.json")).exists();
        String second = demoRound(slot1, state, dir.resolve("second.log"));
        assertThat(second).doesNotContain("made the demo profile");
    }

    /** insert --demo into slot 1, wait until pcscd sees it, remove it; returns the insert's output. */
    private static String demoRound(CardTerminal slot1, Path state, Path log) throws Exception {
        // generous: the first round generates six RSA-2048 keys on a shared, busy machine
        Process demo = java(state, "insert", "--demo", "--slot", "1").redirectOutput(log.toFile()).start();
        try {
            boolean present = slot1.waitForCardPresent(120_000);
            assertThat(present).as("demo card seen in slot 1; insert output:%n%s", Files.readString(log)).isTrue();
            assertThat(runToEnd(java(state, "remove", "--slot", "1"), 0)).contains("removed");
            assertThat(demo.waitFor(10, TimeUnit.SECONDS)).isTrue();
            assertThat(slot1.waitForCardAbsent(10_000)).isTrue();
        } finally {
            demo.destroy();
            demo.waitFor(10, TimeUnit.SECONDS);
        }
        return Files.readString(log);
    }
}
