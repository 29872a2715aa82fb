package jp.madoguchi.app.staff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import jp.madoguchi.common.testing.MutableClock;

/** The staff file on disk: hashing, the lockout rule, atomic writes, damaged files. */
class StaffDirectoryTest {

    private static final Duration IDLE = Duration.ofMinutes(5);
    private static final LockoutRule RULE = new LockoutRule(3, Duration.ofMinutes(15));

    @TempDir
    Path data;
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T01:00:00Z"));
    private final AtomicInteger guardCalls = new AtomicInteger();
    private StaffDirectory directory;

    @BeforeEach
    void provision() {
        directory = open();
        directory.provision("C001", "窓口 花子", StaffRole.CLERK, "correct-horse-1".toCharArray());
    }

    private StaffDirectory open() {
        return StaffDirectory.open(data, clock, RULE, new PasswordHasher(10_000), guardCalls::incrementAndGet);
    }

    private SignInOutcome signIn(String id, String password) {
        return directory.signIn(id, password.toCharArray(), IDLE);
    }

    @Test
    void the_right_password_signs_in_and_the_file_holds_no_password() throws Exception {
        SignInOutcome outcome = signIn("C001", "correct-horse-1");
        assertThat(outcome).isInstanceOf(SignInOutcome.SignedIn.class);
        StaffSession session = ((SignInOutcome.SignedIn) outcome).session();
        assertThat(session.staff().displayName()).isEqualTo("窓口 花子");
        assertThat(session.staff().role()).isEqualTo(StaffRole.CLERK);
        String file = Files.readString(directory.file(), StandardCharsets.UTF_8);
        assertThat(file).doesNotContain("correct-horse-1").contains("C001.hash=").contains("C001.iterations=10000");
        assertThat(guardCalls.get()).as("every blocking entry point asks the guard").isGreaterThanOrEqualTo(3);
    }

    /** PR-03's "on duty": supervisors who proved their password here since a given instant, kept across a restart. */
    @Test
    void supervisors_seen_since_count_right_passwords_only_and_survive_a_restart() {
        directory.provision("S001", "責任 太郎", StaffRole.SUPERVISOR, "supervisor-pass-1".toCharArray());
        directory.provision("S002", "責任 花子", StaffRole.SUPERVISOR, "supervisor-pass-2".toCharArray());
        Instant morning = clock.instant();
        assertThat(directory.supervisorsSeenSince(morning)).as("provisioning is not presence").isEmpty();
        signIn("C001", "correct-horse-1");
        directory.signIn("S002", "wrong-password".toCharArray(), IDLE);
        assertThat(directory.supervisorsSeenSince(morning)).as("clerks and wrong passwords do not count").isEmpty();
        clock.set(morning.plus(Duration.ofHours(1)));
        assertThat(directory.reauthenticate("S001", "supervisor-pass-1".toCharArray()))
                .isInstanceOf(StaffDirectory.Reauthentication.Confirmed.class);
        directory = open();
        assertThat(directory.supervisorsSeenSince(morning)).extracting(StaffAccount::staffId).containsExactly("S001");
        assertThat(directory.supervisorsSeenSince(morning.plus(Duration.ofHours(2)))).isEmpty();
        directory.remove("S001");
        assertThat(directory.supervisorsSeenSince(morning)).isEmpty();
    }

    @Test
    void wrong_password_and_unknown_id_get_the_same_answer() {
        assertThat(signIn("C001", "wrong-password")).isEqualTo(new SignInOutcome.Rejected());
        assertThat(signIn("NOBODY", "correct-horse-1")).isEqualTo(new SignInOutcome.Rejected());
        assertThat(signIn("bad id with spaces", "x")).isEqualTo(new SignInOutcome.Rejected());
    }

    @Test
    void passwords_are_cleared_after_use() {
        char[] password = "correct-horse-1".toCharArray();
        directory.signIn("C001", password, IDLE);
        assertThat(password).containsOnly('\0');
        char[] provisioned = "another-password".toCharArray();
        directory.provision("S001", "責任 太郎", StaffRole.SUPERVISOR, provisioned);
        assertThat(provisioned).containsOnly('\0');
    }

    @Test
    void the_third_wrong_password_locks_for_fifteen_minutes_and_survives_a_restart() {
        signIn("C001", "wrong-1");
        signIn("C001", "wrong-2");
        SignInOutcome third = signIn("C001", "wrong-3");
        assertThat(third).isEqualTo(new SignInOutcome.Locked(clock.instant().plus(Duration.ofMinutes(15))));
        directory = open();
        assertThat(signIn("C001", "correct-horse-1")).as("locked: even the right password is refused")
                .isInstanceOf(SignInOutcome.Locked.class);
        clock.advance(Duration.ofMinutes(15));
        assertThat(signIn("C001", "correct-horse-1")).isInstanceOf(SignInOutcome.SignedIn.class);
        assertThat(directory.accounts().get(0).lockedUntil()).isNull();
    }

    @Test
    void a_right_password_resets_the_count() {
        signIn("C001", "wrong-1");
        signIn("C001", "wrong-2");
        assertThat(signIn("C001", "correct-horse-1")).isInstanceOf(SignInOutcome.SignedIn.class);
        signIn("C001", "wrong-3");
        signIn("C001", "wrong-4");
        assertThat(signIn("C001", "correct-horse-1")).isInstanceOf(SignInOutcome.SignedIn.class);
    }

    @Test
    void after_an_expired_lock_the_count_starts_again() {
        for (int i = 0; i < 3; i++) {
            signIn("C001", "wrong");
        }
        clock.advance(Duration.ofMinutes(16));
        assertThat(signIn("C001", "wrong")).isEqualTo(new SignInOutcome.Rejected());
        assertThat(directory.accounts().get(0).consecutiveFailures()).isEqualTo(1);
    }

    @Test
    void a_supervisor_unlock_ends_the_lock() {
        for (int i = 0; i < 3; i++) {
            signIn("C001", "wrong");
        }
        assertThat(directory.unlock("C001")).isTrue();
        assertThat(directory.unlock("NOBODY")).isFalse();
        assertThat(signIn("C001", "correct-horse-1")).isInstanceOf(SignInOutcome.SignedIn.class);
    }

    @Test
    void provisioning_rejects_bad_input_and_leaves_the_file_as_it_was() throws Exception {
        String before = Files.readString(directory.file());
        assertThatThrownBy(() -> directory.provision("has space", "x", StaffRole.CLERK, "long-enough-1".toCharArray()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> directory.provision("C002", " ", StaffRole.CLERK, "long-enough-1".toCharArray()))
                .isInstanceOf(IllegalArgumentException.class);
        char[] shortPassword = "short".toCharArray();
        assertThatThrownBy(() -> directory.provision("C002", "名前", StaffRole.CLERK, shortPassword))
                .isInstanceOf(IllegalArgumentException.class).hasMessageNotContaining("short");
        assertThat(shortPassword).containsOnly('\0');
        assertThat(Files.readString(directory.file())).isEqualTo(before);
        try (var files = Files.list(directory.file().getParent())) {
            assertThat(files).as("no temporary file left behind").containsExactly(directory.file());
        }
    }

    @Test
    void re_provisioning_replaces_the_password_and_remove_deletes_the_account() {
        directory.provision("C001", "窓口 花子", StaffRole.SUPERVISOR, "new-password-2".toCharArray());
        assertThat(signIn("C001", "correct-horse-1")).isEqualTo(new SignInOutcome.Rejected());
        assertThat(signIn("C001", "new-password-2")).isInstanceOf(SignInOutcome.SignedIn.class);
        assertThat(directory.accounts()).extracting(StaffAccount::role).containsExactly(StaffRole.SUPERVISOR);
        assertThat(directory.remove("C001")).isTrue();
        assertThat(open().isEmpty()).isTrue();
    }

    @Test
    void a_damaged_file_is_refused_with_its_path() throws Exception {
        Files.writeString(directory.file(), "C001.hash=AAAA\nC001.role=KING\n");
        assertThatThrownBy(this::open).isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining(directory.file().toString());
    }

    @Test
    void hashes_use_the_stored_iteration_count_and_the_default_is_slow() {
        assertThat(PasswordHasher.DEFAULT_ITERATIONS).isGreaterThanOrEqualTo(600_000);
        assertThat(new PasswordHasher().iterations()).isEqualTo(PasswordHasher.DEFAULT_ITERATIONS);
        // Opened with a different hasher, the account still verifies with the 10 000 it was stored with.
        directory = StaffDirectory.open(data, clock, RULE, new PasswordHasher(20_000), () -> { });
        assertThat(signIn("C001", "correct-horse-1")).isInstanceOf(SignInOutcome.SignedIn.class);
        assertThatThrownBy(() -> new PasswordHasher(10)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void two_accounts_get_different_salts() throws Exception {
        directory.provision("C002", "窓口 次郎", StaffRole.CLERK, "correct-horse-1".toCharArray());
        var p = new java.util.Properties();
        try (var r = Files.newBufferedReader(directory.file())) {
            p.load(r);
        }
        assertThat(p.getProperty("C001.salt")).isNotEqualTo(p.getProperty("C002.salt"));
        assertThat(p.getProperty("C001.hash")).isNotEqualTo(p.getProperty("C002.hash"));
    }

    @Test
    void demo_staff_are_provisioned_once() {
        directory.remove("C001");
        assertThat(DemoStaff.provisionMissing(directory)).containsExactly(DemoStaff.CLERK_ID, DemoStaff.SUPERVISOR_ID);
        assertThat(DemoStaff.provisionMissing(directory)).isEmpty();
        assertThat(signIn(DemoStaff.SUPERVISOR_ID, DemoStaff.SUPERVISOR_PASSWORD)).isInstanceOf(SignInOutcome.SignedIn.class);
    }

    @Test
    void the_session_locks_after_the_idle_limit_and_activity_postpones_it() {
        StaffSession session = ((SignInOutcome.SignedIn) signIn("C001", "correct-horse-1")).session();
        clock.advance(Duration.ofMinutes(4));
        assertThat(session.idleExpired()).isFalse();
        session.touch();
        clock.advance(Duration.ofMinutes(4));
        assertThat(session.idleExpired()).isFalse();
        clock.advance(Duration.ofMinutes(1));
        assertThat(session.idleExpired()).isTrue();
    }

    @Test
    void lockout_rule_bounds() {
        assertThatThrownBy(() -> new LockoutRule(0, Duration.ofMinutes(1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LockoutRule(3, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void reauthentication_checks_like_sign_in_without_a_session_and_shares_the_lockout() {
        directory.provision("S001", "責任 太郎", StaffRole.SUPERVISOR, "supervisor-pass".toCharArray());
        char[] password = "supervisor-pass".toCharArray();
        StaffDirectory.Reauthentication ok = directory.reauthenticate("S001", password);
        assertThat(password).containsOnly('\0');
        assertThat(ok).isInstanceOf(StaffDirectory.Reauthentication.Confirmed.class);
        StaffAccount account = ((StaffDirectory.Reauthentication.Confirmed) ok).account();
        assertThat(account.staffId()).isEqualTo("S001");
        assertThat(account.role()).isEqualTo(StaffRole.SUPERVISOR);
        assertThat(directory.reauthenticate("NOBODY", "supervisor-pass".toCharArray()))
                .isEqualTo(new StaffDirectory.Reauthentication.Refused(new SignInOutcome.Rejected()));
        // Wrong re-authentications and wrong sign-ins count together towards the lock.
        assertThat(directory.reauthenticate("S001", "wrong-1".toCharArray()))
                .isEqualTo(new StaffDirectory.Reauthentication.Refused(new SignInOutcome.Rejected()));
        assertThat(signIn("S001", "wrong-2")).isEqualTo(new SignInOutcome.Rejected());
        StaffDirectory.Reauthentication locked = directory.reauthenticate("S001", "wrong-3".toCharArray());
        assertThat(locked).isEqualTo(new StaffDirectory.Reauthentication.Refused(
                new SignInOutcome.Locked(clock.instant().plus(RULE.lockFor()))));
        assertThat(directory.reauthenticate("S001", "supervisor-pass".toCharArray()))
                .isInstanceOf(StaffDirectory.Reauthentication.Refused.class);
        assertThat(signIn("S001", "supervisor-pass")).isInstanceOf(SignInOutcome.Locked.class);
        assertThat(open().accounts()).filteredOn(a -> a.staffId().equals("S001")).extracting(StaffAccount::lockedUntil)
                .containsExactly(clock.instant().plus(RULE.lockFor()));
    }
}
