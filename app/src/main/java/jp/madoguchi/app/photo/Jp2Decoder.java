package jp.madoguchi.app.photo;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;
import java.util.Map;
import jp.madoguchi.common.MadoguchiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decodes the card's face photo (JPEG 2000 in a JP2 file, card-spec §2.8 DF27) to an 8-bit
 * {@link GreyImage} through OpenJPEG's libopenjp2, which the installed workstation depends on (Debian
 * {@code libopenjp2-7}); JavaFX and the JDK cannot read JPEG 2000. The bytes are handed to the library
 * from memory (no temporary file: the photo is personal data). Every failure is a coded
 * {@link MadoguchiException}: {@link PhotoFailure#DECODER_MISSING}, {@link PhotoFailure#NOT_DECODABLE},
 * {@link PhotoFailure#TOO_LARGE}.
 *
 * <p>Thread-safe: each call has its own codec and stream. Call it off the FX thread (it takes a few
 * milliseconds for a card photo).
 */
public final class Jp2Decoder {

    private static final Logger LOG = LoggerFactory.getLogger(Jp2Decoder.class);
    /** Larger than any card photo (about 300×400) by far, small enough to refuse absurd headers. */
    private static final long MAX_PIXELS = 4096L * 4096L;
    private static final byte[] JP2_SIGNATURE = {0x00, 0x00, 0x00, 0x0C, 0x6A, 0x50, 0x20, 0x20, 0x0D, 0x0A,
        (byte) 0x87, 0x0A};

    private Jp2Decoder() {
    }

    /** Loaded on first use, so a workstation without libopenjp2 still starts and says why. */
    private static final class Binding {
        static final OpenJpegLibrary LIBRARY = load();

        private static OpenJpegLibrary load() {
            String name = System.getProperty("madoguchi.openjp2", "openjp2");
            try {
                return Native.load(name, OpenJpegLibrary.class);
            } catch (UnsatisfiedLinkError first) {
                // Without the -dev package there is no unversioned libopenjp2.so, only the SONAME.
                try {
                    return Native.load("libopenjp2.so.7", OpenJpegLibrary.class);
                } catch (UnsatisfiedLinkError second) {
                    LOG.warn("libopenjp2 cannot be loaded: {}", first.getMessage());
                    return null;
                }
            }
        }
    }

    /** Whether libopenjp2 could be loaded (the self-check and the tests ask). */
    public static boolean available() {
        return Binding.LIBRARY != null;
    }

    /** Decodes a JP2 file. {@code jp2} is not kept. */
    public static GreyImage decode(byte[] jp2) {
        OpenJpegLibrary lib = Binding.LIBRARY;
        if (lib == null) {
            throw new MadoguchiException(PhotoFailure.DECODER_MISSING);
        }
        if (jp2.length < JP2_SIGNATURE.length
                || !java.util.Arrays.equals(java.util.Arrays.copyOf(jp2, JP2_SIGNATURE.length), JP2_SIGNATURE)) {
            throw notDecodable("no JP2 signature box");
        }
        MemoryStream source = new MemoryStream(jp2);
        StringBuilder errors = new StringBuilder();
        OpenJpegLibrary.MessageCallback onError = (message, user) -> errors.append(message == null ? "" : message.strip())
                .append("; ");
        OpenJpegLibrary.MessageCallback onWarning = (message, user) -> LOG.debug("openjp2: {}", message);
        Pointer codec = lib.opj_create_decompress(OpenJpegLibrary.OPJ_CODEC_JP2);
        Pointer stream = lib.opj_stream_create(jp2.length, 1);
        Pointer image = null;
        try {
            if (codec == null || stream == null) {
                throw notDecodable("the library could not create a decoder");
            }
            lib.opj_set_error_handler(codec, onError, null);
            lib.opj_set_warning_handler(codec, onWarning, null);
            Memory parameters = new Memory(OpenJpegLibrary.DPARAMETERS_SIZE);
            parameters.clear();
            lib.opj_set_default_decoder_parameters(parameters);
            if (lib.opj_setup_decoder(codec, parameters) == 0) {
                throw notDecodable("decoder set-up: " + errors);
            }
            lib.opj_stream_set_read_function(stream, source.read);
            lib.opj_stream_set_skip_function(stream, source.skip);
            lib.opj_stream_set_seek_function(stream, source.seek);
            lib.opj_stream_set_user_data_length(stream, jp2.length);
            PointerByReference header = new PointerByReference();
            if (lib.opj_read_header(stream, codec, header) == 0) {
                image = header.getValue();
                throw notDecodable("header: " + errors);
            }
            image = header.getValue();
            long width = Integer.toUnsignedLong(image.getInt(8)) - Integer.toUnsignedLong(image.getInt(0));
            long height = Integer.toUnsignedLong(image.getInt(12)) - Integer.toUnsignedLong(image.getInt(4));
            int components = image.getInt(16);
            if (width <= 0 || height <= 0 || components < 1) {
                throw notDecodable("empty image");
            }
            if (width * height > MAX_PIXELS) {
                throw new MadoguchiException(PhotoFailure.TOO_LARGE, Map.of("width", width, "height", height));
            }
            if (lib.opj_decode(codec, stream, image) == 0 || lib.opj_end_decompress(codec, stream) == 0) {
                throw notDecodable("decode: " + errors);
            }
            return grey(image.getPointer(24), components);
        } finally {
            if (image != null) {
                lib.opj_image_destroy(image);
            }
            if (stream != null) {
                lib.opj_stream_destroy(stream);
            }
            if (codec != null) {
                lib.opj_destroy_codec(codec);
            }
            // Keep the callbacks reachable until the library can no longer call them.
            java.lang.ref.Reference.reachabilityFence(source);
            java.lang.ref.Reference.reachabilityFence(onError);
            java.lang.ref.Reference.reachabilityFence(onWarning);
        }
    }

    /**
     * 8-bit luminance from the decoded components: the only one of a greyscale photo, or Rec. 601 luma
     * of the first three should a card hold a colour one. Any precision and signedness is scaled to 0–255.
     */
    private static GreyImage grey(Pointer comps, int components) {
        Component[] c = new Component[Math.min(components, 3) == 3 ? 3 : 1];
        for (int i = 0; i < c.length; i++) {
            c[i] = new Component(comps.share((long) i * OpenJpegLibrary.IMAGE_COMP_SIZE));
        }
        int w = c[0].width;
        int h = c[0].height;
        for (Component k : c) {
            if (k.width != w || k.height != h || k.data == null || k.precision < 1 || k.precision > 31) {
                throw notDecodable("subsampled or empty component");
            }
        }
        if ((long) w * h > MAX_PIXELS) {
            throw new MadoguchiException(PhotoFailure.TOO_LARGE, Map.of("width", w, "height", h));
        }
        int[][] samples = new int[c.length][];
        for (int i = 0; i < c.length; i++) {
            samples[i] = c[i].data.getIntArray(0, w * h);
        }
        byte[] out = new byte[w * h];
        for (int p = 0; p < out.length; p++) {
            int v = c.length == 1 ? c[0].to8Bit(samples[0][p])
                    : (299 * c[0].to8Bit(samples[0][p]) + 587 * c[1].to8Bit(samples[1][p])
                            + 114 * c[2].to8Bit(samples[2][p])) / 1000;
            out[p] = (byte) v;
        }
        return new GreyImage(w, h, out);
    }

    /** One {@code opj_image_comp_t}: w at 8, h at 12, prec at 24, sgnd at 32, data at 48 (LP64). */
    private static final class Component {
        final int width;
        final int height;
        final int precision;
        final boolean signed;
        final Pointer data;

        Component(Pointer p) {
            width = p.getInt(8);
            height = p.getInt(12);
            precision = p.getInt(24);
            signed = p.getInt(32) != 0;
            data = p.getPointer(48);
        }

        int to8Bit(int sample) {
            long v = signed ? (long) sample + (1L << (precision - 1)) : sample;
            v = precision >= 8 ? v >> (precision - 8) : v << (8 - precision);
            return (int) Math.max(0, Math.min(255, v));
        }
    }

    private static MadoguchiException notDecodable(String why) {
        LOG.info("face photo not decodable: {}", why);
        return new MadoguchiException(PhotoFailure.NOT_DECODABLE);
    }

    /** The JP2 bytes as an OpenJPEG input stream (read, skip, seek); called on the decoding thread only. */
    private static final class MemoryStream {
        private final byte[] data;
        private int position;
        final OpenJpegLibrary.ReadCallback read;
        final OpenJpegLibrary.SkipCallback skip;
        final OpenJpegLibrary.SeekCallback seek;

        MemoryStream(byte[] data) {
            this.data = data;
            read = (buffer, count, user) -> {
                if (position >= this.data.length) {
                    return -1L;
                }
                int n = (int) Math.min(count, this.data.length - position);
                buffer.write(0, this.data, position, n);
                position += n;
                return n;
            };
            skip = (count, user) -> {
                long target = position + count;
                if (target < 0 || target > this.data.length) {
                    return -1L;
                }
                position = (int) target;
                return count;
            };
            seek = (target, user) -> {
                if (target < 0 || target > this.data.length) {
                    return 0;
                }
                position = (int) target;
                return 1;
            };
        }
    }
}
