package jp.madoguchi.app.counter.workflow;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.Stream;
import jp.madoguchi.common.MadoguchiException;

/**
 * Where a workflow keeps its state between steps so that it can be resumed after the application
 * crashed: one small properties file per running workflow in the data directory's {@code workflows/},
 * written to a temporary file, fsynced and renamed over the old one (a crash leaves the old or the new
 * state, never a mix). offline-cache offers no such table, hence the file. Never holds a PIN: the
 * workflows put only steps, serials, codes and ids here. Thread-safe per file (callers own their id).
 */
public final class WorkflowJournal {

    private final Path dir;

    public WorkflowJournal(Path dir) {
        this.dir = dir;
    }

    /** Replaces the saved state of {@code id} durably. */
    public void save(String id, Map<String, String> state) {
        try {
            Files.createDirectories(dir);
            Properties p = new Properties();
            p.putAll(new TreeMap<>(state));
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (OutputStreamWriter w = new OutputStreamWriter(bytes, StandardCharsets.UTF_8)) {
                p.store(w, null);
            }
            Path tmp = dir.resolve(id + ".tmp");
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                ch.write(ByteBuffer.wrap(bytes.toByteArray()));
                ch.force(true);
            }
            try {
                Files.move(tmp, file(id), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file(id), StandardCopyOption.REPLACE_EXISTING);
            }
            try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
                d.force(true);
            } catch (IOException e) {
                // Some file systems cannot fsync a directory; the rename is still atomic there.
            }
        } catch (IOException e) {
            throw new UncheckedIOException("saving workflow state " + id, e);
        }
    }

    /** The saved state of {@code id}, if any; MDG-FLOW-003 when the file is unreadable. */
    public Optional<Map<String, String>> load(String id) {
        Path f = file(id);
        if (!Files.exists(f)) {
            return Optional.empty();
        }
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(f)) {
            p.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException | IllegalArgumentException e) {
            throw new MadoguchiException(WorkflowFailure.STATE_UNREADABLE, Map.of(), e);
        }
        Map<String, String> state = new TreeMap<>();
        p.forEach((k, v) -> state.put((String) k, (String) v));
        return Optional.of(state);
    }

    /** Ids of saved workflows whose id starts with {@code kind} (e.g. "delivery-"), oldest file first. */
    public List<String> interrupted(String kind) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            List<String> ids = new ArrayList<>();
            files.filter(f -> f.getFileName().toString().startsWith(kind) && f.getFileName().toString().endsWith(".properties"))
                    .sorted().forEach(f -> {
                        String name = f.getFileName().toString();
                        ids.add(name.substring(0, name.length() - ".properties".length()));
                    });
            return ids;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Forgets {@code id} (finished or cancelled). */
    public void remove(String id) {
        try {
            Files.deleteIfExists(file(id));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Path file(String id) {
        if (!id.matches("[a-z-]+-[0-9a-f-]+")) {
            throw new IllegalArgumentException("workflow id");
        }
        return dir.resolve(id + ".properties");
    }
}
