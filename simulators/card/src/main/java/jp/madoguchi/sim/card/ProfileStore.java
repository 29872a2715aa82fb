package jp.madoguchi.sim.card;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Where a card's non-volatile state goes after every change. {@link #file} writes the whole profile
 * atomically (temp file in the same directory, fsync, atomic rename, fsync of the directory), so a
 * reader or a crash sees the old or the new profile, never a mix. Called under the card's lock.
 */
public interface ProfileStore {

    void save(CardProfile profile);

    /** For in-JVM cards that need not outlive the JVM. */
    static ProfileStore inMemory() {
        return profile -> { };
    }

    static ProfileStore file(Path path) {
        return profile -> writeAtomically(path, ProfileCodec.write(profile));
    }

    static CardProfile load(Path path) throws IOException {
        return ProfileCodec.parse(Files.readAllBytes(path));
    }

    static void writeAtomically(Path path, byte[] bytes) {
        Path dir = path.toAbsolutePath().getParent();
        try {
            Path tmp = Files.createTempFile(dir, path.getFileName().toString(), ".tmp");
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ByteBuffer buf = ByteBuffer.wrap(bytes);
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                ch.force(true);
            }
            Files.move(tmp, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
                d.force(true);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the card profile " + path, e);
        }
    }
}
