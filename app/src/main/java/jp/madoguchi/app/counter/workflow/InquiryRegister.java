package jp.madoguchi.app.counter.workflow;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.security.SecureRandom;
import jp.madoguchi.app.counter.domain.InquirySheet;
import jp.madoguchi.app.counter.domain.Operation;

/**
 * The 照会書兼回答書 this workstation printed (visit 1 of the two-visit proxy route), so that visit 2
 * accepts only a sheet it issued, for that card and operation, with its real date. One line per
 * sheet in {@code <state dir>/inquiry-sheets.tsv} (number, card serial, operation, date of visit 1),
 * appended and forced to disk before the sheet is printed, and a {@code USED} line once visit 2 has
 * done its operation (a sheet serves one operation); no personal data beyond the card serial,
 * which the store keeps in clear too. Nothing of it is sent: the sync protocol has no type for it.
 * Each call opens the file anew; writers are the workflows' one caller thread per workstation.
 */
final class InquiryRegister {

    private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String USED = "USED";

    private final Path file;

    InquiryRegister(Path stateDir) {
        this.file = stateDir.resolve("inquiry-sheets.tsv");
    }

    /** A new sheet for {@code serial} and {@code operation}, numbered {@code Q<yyyyMMdd>-<6 hex>}, on disk when this returns. */
    InquirySheet register(String serial, Operation operation, LocalDate issuedOn) {
        byte[] random = new byte[3];
        RANDOM.nextBytes(random);
        String number = "Q" + DAY.format(issuedOn) + "-" + HexFormat.of().withUpperCase().formatHex(random);
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, number + "\t" + serial + "\t" + operation.name() + "\t" + issuedOn + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.SYNC);
        } catch (IOException e) {
            throw new UncheckedIOException("register of inquiry sheets", e);
        }
        return new InquirySheet(number, issuedOn);
    }

    /**
     * The registered sheet {@code number}, if it was issued for {@code serial} and for {@code operation}
     * (renewal and new issuance count as one: the certificate route of §2.0).
     */
    Optional<InquirySheet> find(String number, String serial, Operation operation) {
        for (String line : lines()) {
            String[] f = line.split("\t", -1);
            if (f.length == 4 && f[0].equals(number) && f[1].equals(serial) && sameRoute(Operation.valueOf(f[2]), operation)) {
                return Optional.of(new InquirySheet(f[0], LocalDate.parse(f[3])));
            }
        }
        return Optional.empty();
    }

    /**
     * Notes that sheet {@code number} served its operation (visit 2 DONE), on disk when this returns: a
     * line {@code USED, number, date}. One sheet, one operation: the proxy cannot come back with it.
     */
    void markUsed(String number, LocalDate on) {
        if (used(number)) {
            return;
        }
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, USED + "\t" + number + "\t" + on + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.SYNC);
        } catch (IOException e) {
            throw new UncheckedIOException("register of inquiry sheets", e);
        }
    }

    /** Whether sheet {@code number} already served an operation. */
    boolean used(String number) {
        return lines().stream().map(l -> l.split("\t", -1)).anyMatch(f -> f.length == 3 && f[0].equals(USED) && f[1].equals(number));
    }

    private List<String> lines() {
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("register of inquiry sheets", e);
        }
    }

    private static boolean sameRoute(Operation registered, Operation asked) {
        return registered == asked || (certificate(registered) && certificate(asked));
    }

    private static boolean certificate(Operation op) {
        return op == Operation.CERT_RENEWAL || op == Operation.CERT_ISSUE;
    }
}
