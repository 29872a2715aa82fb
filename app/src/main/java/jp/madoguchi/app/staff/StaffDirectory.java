package jp.madoguchi.app.staff;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The staff accounts provisioned for this office, kept in {@code <data dir>/staff/staff.properties}
 * (one file per workstation; provisioning is done per workstation by the office's supervisor or IT).
 * Each account holds its display name, role, PBKDF2 salt, hash and iteration count, the count of
 * consecutive failures, the end of a lockout ({@link LockoutRule}) and when the account last proved
 * its password here (who is on duty, PR-03). Never a password.
 *
 * <p>Every change rewrites the whole file to a temporary file in the same directory, forces it to
 * disk and renames it over the old one, so a crash leaves either the old or the new file, never half
 * of one. The file is readable by its owner only where the file system allows it.
 *
 * <p>Thread-safe: every public method is synchronized (sign-ins are rare and slow by design). Every
 * method that hashes or touches the disk first calls the {@code blockingGuard}, which the UI wires
 * to fail on the JavaFX thread. Passwords passed in are cleared before the method returns.
 */
public final class StaffDirectory {

    /** Ids printed on staff cards: letters, digits, '-' and '_', up to 32. */
    public static final Pattern STAFF_ID = Pattern.compile("[A-Za-z0-9_-]{1,32}");
    /** The shortest password {@link #provision} accepts. */
    public static final int MIN_PASSWORD_LENGTH = 10;

    private static final Logger LOG = LoggerFactory.getLogger(StaffDirectory.class);
    private static final String FILE = "staff.properties";

    private final Path file;
    private final Clock clock;
    private final LockoutRule lockout;
    private final PasswordHasher hasher;
    private final Runnable blockingGuard;
    /** Verified when an id is unknown, so an unknown id costs as long as a known one. */
    private final byte[] decoySalt;
    private final Properties accounts = new Properties();

    private StaffDirectory(Path file, Clock clock, LockoutRule lockout, PasswordHasher hasher, Runnable blockingGuard) {
        this.file = file;
        this.clock = clock;
        this.lockout = lockout;
        this.hasher = hasher;
        this.blockingGuard = blockingGuard;
        this.decoySalt = hasher.newSalt();
    }

    /**
     * Opens (or prepares, if absent) the staff file under {@code dataDirectory}. Throws
     * {@link UncheckedIOException} when the file exists but cannot be read.
     */
    public static StaffDirectory open(Path dataDirectory, Clock clock, LockoutRule lockout, PasswordHasher hasher,
            Runnable blockingGuard) {
        blockingGuard.run();
        StaffDirectory directory = new StaffDirectory(dataDirectory.resolve("staff").resolve(FILE), clock, lockout, hasher,
                blockingGuard);
        directory.load();
        return directory;
    }

    /** Where the accounts are kept. */
    public Path file() {
        return file;
    }

    public LockoutRule lockoutRule() {
        return lockout;
    }

    private void load() {
        if (!Files.isRegularFile(file)) {
            return;
        }
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            accounts.load(r);
        } catch (IOException | IllegalArgumentException e) {
            throw new UncheckedIOException("cannot read the staff file " + file,
                    e instanceof IOException io ? io : new IOException(e));
        }
        for (String id : ids()) {
            try {
                account(id);
            } catch (RuntimeException e) {
                throw new UncheckedIOException("the staff file " + file + " is damaged at account " + id,
                        new IOException(e));
            }
        }
    }

    /**
     * Adds an account, or replaces the password, name and role of an existing one (which also ends
     * its lockout). Rejects a malformed id, a blank name or a password shorter than
     * {@link #MIN_PASSWORD_LENGTH} with {@link IllegalArgumentException}, leaving the file unchanged.
     */
    public synchronized void provision(String staffId, String displayName, StaffRole role, char[] password) {
        try {
            if (staffId == null || !STAFF_ID.matcher(staffId).matches()) {
                throw new IllegalArgumentException("staff id must be 1-32 of A-Z a-z 0-9 - _");
            }
            if (displayName == null || displayName.isBlank() || displayName.length() > 64) {
                throw new IllegalArgumentException("display name must be 1-64 characters");
            }
            if (password == null || password.length < MIN_PASSWORD_LENGTH) {
                throw new IllegalArgumentException("password must be at least " + MIN_PASSWORD_LENGTH + " characters");
            }
            blockingGuard.run();
            byte[] salt = hasher.newSalt();
            byte[] hash = PasswordHasher.derive(password, salt, hasher.iterations());
            Properties next = copy();
            next.setProperty(staffId + ".name", displayName.strip());
            next.setProperty(staffId + ".role", role.name());
            next.setProperty(staffId + ".salt", Base64.getEncoder().encodeToString(salt));
            next.setProperty(staffId + ".hash", Base64.getEncoder().encodeToString(hash));
            next.setProperty(staffId + ".iterations", Integer.toString(hasher.iterations()));
            next.setProperty(staffId + ".failures", "0");
            next.setProperty(staffId + ".lockedUntil", "0");
            Arrays.fill(hash, (byte) 0);
            commit(next);
            LOG.info("staff account {} provisioned as {}", staffId, role);
        } finally {
            if (password != null) {
                Arrays.fill(password, '\0');
            }
        }
    }

    /** Ends a lockout and resets the failure count (a supervisor's act). False if the id is unknown. */
    public synchronized boolean unlock(String staffId) {
        blockingGuard.run();
        if (!accounts.containsKey(staffId + ".hash")) {
            return false;
        }
        Properties next = copy();
        next.setProperty(staffId + ".failures", "0");
        next.setProperty(staffId + ".lockedUntil", "0");
        commit(next);
        LOG.info("staff account {} unlocked", staffId);
        return true;
    }

    /** Removes an account. False if the id is unknown. */
    public synchronized boolean remove(String staffId) {
        blockingGuard.run();
        if (!accounts.containsKey(staffId + ".hash")) {
            return false;
        }
        Properties next = copy();
        next.stringPropertyNames().stream().filter(k -> k.startsWith(staffId + ".")).forEach(next::remove);
        commit(next);
        LOG.info("staff account {} removed", staffId);
        return true;
    }

    /**
     * Checks a password and applies the {@link LockoutRule}. {@code password} is cleared before
     * return. Unknown ids cost one hash, like known ones, and get the same {@link SignInOutcome.Rejected}.
     *
     * @param idleLimit the inactivity time after which the new session auto-locks
     */
    public synchronized SignInOutcome signIn(String staffId, char[] password, Duration idleLimit) {
        Optional<SignInOutcome> refused = check(staffId, password, "sign-in");
        if (refused.isPresent()) {
            return refused.get();
        }
        LOG.info("staff {} signed in", staffId);
        return new SignInOutcome.SignedIn(new StaffSession(account(staffId), clock, idleLimit));
    }

    /**
     * Re-authentication of a staff member at a workstation where someone else is signed in, as a
     * supervisor's approval needs it (counter-rules PR-03): the same password check, hashing cost and
     * {@link LockoutRule} as {@link #signIn} (a wrong password counts towards the lock, so approvals
     * cannot be used to guess passwords), but no session. {@code password} is cleared before return.
     *
     * @return the account when the password is right; otherwise {@link SignInOutcome.Rejected} (also
     *         for an unknown id) or {@link SignInOutcome.Locked}
     */
    public synchronized Reauthentication reauthenticate(String staffId, char[] password) {
        Optional<SignInOutcome> refused = check(staffId, password, "re-authentication");
        if (refused.isPresent()) {
            return new Reauthentication.Refused(refused.get());
        }
        LOG.info("staff {} re-authenticated", staffId);
        return new Reauthentication.Confirmed(account(staffId));
    }

    /** What a re-authentication ended with. */
    public sealed interface Reauthentication {
        /** The password was right. */
        record Confirmed(StaffAccount account) implements Reauthentication {
        }

        /** Wrong id or password ({@link SignInOutcome.Rejected}), or locked ({@link SignInOutcome.Locked}). */
        record Refused(SignInOutcome why) implements Reauthentication {
        }
    }

    /**
     * The password check with the lockout applied: empty when the password was right, else the
     * {@link SignInOutcome.Rejected} or {@link SignInOutcome.Locked} answer. Clears {@code password}.
     */
    private Optional<SignInOutcome> check(String staffId, char[] password, String purpose) {
        try {
            blockingGuard.run();
            if (staffId == null || !STAFF_ID.matcher(staffId).matches() || !accounts.containsKey(staffId + ".hash")) {
                PasswordHasher.matches(password, decoySalt, hasher.iterations(), new byte[32]);
                LOG.info("{} refused: unknown staff id", purpose);
                return Optional.of(new SignInOutcome.Rejected());
            }
            Instant now = clock.instant();
            StaffAccount before = account(staffId);
            if (before.lockedUntil() != null && now.isBefore(before.lockedUntil())) {
                LOG.info("{} refused: staff account {} is locked until {}", purpose, staffId, before.lockedUntil());
                return Optional.of(new SignInOutcome.Locked(before.lockedUntil()));
            }
            byte[] salt = Base64.getDecoder().decode(accounts.getProperty(staffId + ".salt"));
            byte[] hash = Base64.getDecoder().decode(accounts.getProperty(staffId + ".hash"));
            int iterations = Integer.parseInt(accounts.getProperty(staffId + ".iterations"));
            boolean ok = PasswordHasher.matches(password, salt, iterations, hash);
            Arrays.fill(hash, (byte) 0);
            Properties next = copy();
            if (ok) {
                next.setProperty(staffId + ".failures", "0");
                next.setProperty(staffId + ".lockedUntil", "0");
                next.setProperty(staffId + ".lastSeen", Long.toString(now.toEpochMilli()));
                commit(next);
                return Optional.empty();
            }
            // A lock that has run out starts a fresh count.
            int failures = (before.lockedUntil() == null ? before.consecutiveFailures() : 0) + 1;
            next.setProperty(staffId + ".failures", Integer.toString(failures));
            if (failures >= lockout.maxFailures()) {
                Instant until = now.plus(lockout.lockFor());
                next.setProperty(staffId + ".lockedUntil", Long.toString(until.toEpochMilli()));
                commit(next);
                LOG.warn("staff account {} locked until {} after {} wrong passwords", staffId, until, failures);
                return Optional.of(new SignInOutcome.Locked(until));
            }
            next.setProperty(staffId + ".lockedUntil", "0");
            commit(next);
            LOG.info("{} refused: wrong password for staff {} ({} of {})", purpose, staffId, failures, lockout.maxFailures());
            return Optional.of(new SignInOutcome.Rejected());
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    /**
     * The supervisors whose last sign-in or re-authentication at this workstation (a right password)
     * was at or after {@code since}, by id: who is on duty for PR-03 (the caller passes the start of
     * the business day). Persisted in the staff file, so a restart of the workstation forgets no one.
     */
    public synchronized List<StaffAccount> supervisorsSeenSince(Instant since) {
        List<StaffAccount> list = new ArrayList<>();
        for (String id : ids()) {
            long seen = Long.parseLong(accounts.getProperty(id + ".lastSeen", "0"));
            StaffAccount a = account(id);
            if (a.role() == StaffRole.SUPERVISOR && seen > 0 && !Instant.ofEpochMilli(seen).isBefore(since)) {
                list.add(a);
            }
        }
        return list;
    }

    /** Every account, by id. */
    public synchronized List<StaffAccount> accounts() {
        List<StaffAccount> list = new ArrayList<>();
        for (String id : ids()) {
            list.add(account(id));
        }
        return list;
    }

    public synchronized boolean isEmpty() {
        return ids().isEmpty();
    }

    private TreeSet<String> ids() {
        TreeSet<String> ids = new TreeSet<>();
        for (String key : accounts.stringPropertyNames()) {
            if (key.endsWith(".hash")) {
                ids.add(key.substring(0, key.length() - ".hash".length()));
            }
        }
        return ids;
    }

    private StaffAccount account(String id) {
        long lockedUntil = Long.parseLong(accounts.getProperty(id + ".lockedUntil", "0"));
        return new StaffAccount(id, require(id + ".name"), StaffRole.valueOf(require(id + ".role")),
                Integer.parseInt(accounts.getProperty(id + ".failures", "0")),
                lockedUntil == 0 ? null : Instant.ofEpochMilli(lockedUntil));
    }

    private String require(String key) {
        String v = accounts.getProperty(key);
        if (v == null) {
            throw new IllegalStateException("missing " + key);
        }
        return v;
    }

    private Properties copy() {
        Properties next = new Properties();
        next.putAll(accounts);
        return next;
    }

    /** Writes {@code next} atomically, then makes it the in-memory state; on failure neither changes. */
    private void commit(Properties next) {
        try {
            Path dir = file.getParent();
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, ".staff", ".tmp");
            try {
                if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                    Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
                }
                try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                    next.store(w, "Madoguchi staff accounts: PBKDF2-HMAC-SHA256 hashes, never passwords (docs/ui.md)");
                }
                try (var channel = java.nio.channels.FileChannel.open(tmp, java.nio.file.StandardOpenOption.WRITE)) {
                    channel.force(true);
                }
                try {
                    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the staff file " + file, e);
        }
        accounts.clear();
        accounts.putAll(next);
    }
}
