package jp.madoguchi.app.photo;

import com.sun.jna.Callback;
import com.sun.jna.Library;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;

/**
 * The few libopenjp2 (OpenJPEG 2.x, Debian {@code libopenjp2-7}) functions a JP2 decode needs, bound
 * with JNA. {@code OPJ_SIZE_T} is C {@code size_t} and {@code OPJ_OFF_T} {@code int64_t}: both are
 * Java {@code long} on the LP64 platforms the workstation runs on (Linux amd64/arm64). {@code OPJ_BOOL}
 * is C {@code int}.
 */
interface OpenJpegLibrary extends Library {

    int OPJ_CODEC_JP2 = 2;
    /** Large enough for {@code opj_dparameters_t} of OpenJPEG 2.x (about 8.3 KB: two 4096-byte paths). */
    int DPARAMETERS_SIZE = 16384;
    /** The size of {@code opj_image_comp_t} on LP64: eleven u32, a pointer at 48, a u16 at 56, padded. */
    int IMAGE_COMP_SIZE = 64;

    Pointer opj_create_decompress(int format);

    void opj_destroy_codec(Pointer codec);

    void opj_set_default_decoder_parameters(Pointer parameters);

    int opj_setup_decoder(Pointer codec, Pointer parameters);

    int opj_set_error_handler(Pointer codec, MessageCallback callback, Pointer userData);

    int opj_set_warning_handler(Pointer codec, MessageCallback callback, Pointer userData);

    Pointer opj_stream_create(long bufferSize, int isInput);

    void opj_stream_destroy(Pointer stream);

    void opj_stream_set_read_function(Pointer stream, ReadCallback read);

    void opj_stream_set_skip_function(Pointer stream, SkipCallback skip);

    void opj_stream_set_seek_function(Pointer stream, SeekCallback seek);

    void opj_stream_set_user_data_length(Pointer stream, long length);

    int opj_read_header(Pointer stream, Pointer codec, PointerByReference image);

    int opj_decode(Pointer codec, Pointer stream, Pointer image);

    int opj_end_decompress(Pointer codec, Pointer stream);

    void opj_image_destroy(Pointer image);

    /** {@code opj_stream_read_fn}: bytes copied, or (size_t) -1 at the end. */
    interface ReadCallback extends Callback {
        long invoke(Pointer buffer, long count, Pointer userData);
    }

    /** {@code opj_stream_skip_fn}: bytes skipped, or -1. */
    interface SkipCallback extends Callback {
        long invoke(long count, Pointer userData);
    }

    /** {@code opj_stream_seek_fn}: OPJ_TRUE (1) or OPJ_FALSE (0). */
    interface SeekCallback extends Callback {
        int invoke(long position, Pointer userData);
    }

    /** {@code opj_msg_callback}. */
    interface MessageCallback extends Callback {
        void invoke(String message, Pointer userData);
    }
}
