package jp.madoguchi.card.pcsc;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import org.junit.jupiter.api.Test;

/**
 * The ABI facts the binding relies on. Linux's are also proven by every real-stack test; Windows'
 * cannot be run on these machines, so the names and sizes it uses are pinned here against winscard.h.
 */
class PcscAbiTest {

    @Test
    void windows_binds_the_ansi_variant_of_every_function_that_takes_a_string() {
        PcscLibrary.Abi w = PcscLibrary.Abi.WINSCARD;
        assertThat(w.library).isEqualTo("winscard");
        assertThat(w.symbol("SCardListReaders")).isEqualTo("SCardListReadersA");
        assertThat(w.symbol("SCardGetStatusChange")).isEqualTo("SCardGetStatusChangeA");
        assertThat(w.symbol("SCardConnect")).isEqualTo("SCardConnectA");
        assertThat(w.symbol("SCardStatus")).isEqualTo("SCardStatusA");
        // Exported once, without a suffix.
        assertThat(w.symbol("SCardEstablishContext")).isEqualTo("SCardEstablishContext");
        assertThat(w.symbol("SCardTransmit")).isEqualTo("SCardTransmit");
        assertThat(w.symbol("SCardBeginTransaction")).isEqualTo("SCardBeginTransaction");
    }

    @Test
    void windows_dwords_are_four_bytes_and_handles_pointer_sized_with_a_36_byte_atr() {
        PcscLibrary.Abi w = PcscLibrary.Abi.WINSCARD;
        assertThat(w.dwordSize).isEqualTo(4);
        assertThat(w.handleSize).isEqualTo(Native.POINTER_SIZE);
        assertThat(w.maxAtrSize).isEqualTo(36);
    }

    @Test
    void pcsc_lite_keeps_its_names() {
        for (String f : new String[] {"SCardListReaders", "SCardConnect", "SCardStatus", "SCardTransmit"}) {
            assertThat(PcscLibrary.Abi.PCSC_LITE.symbol(f)).isEqualTo(f);
        }
    }

    @Test
    void structures_match_pcsc_lite_on_64_bit_linux() {
        // The tests run on 64-bit Linux (./mado test needs pcscd).
        assertThat(PcscLibrary.Abi.CURRENT).isEqualTo(PcscLibrary.Abi.PCSC_LITE);
        // Two pointers, three unsigned longs, 33 ATR bytes, padded to 8: 8+8+3*8+33 → 80.
        assertThat(new PcscLibrary.ReaderState().size()).isEqualTo(80);
        // SCARD_IO_REQUEST: two unsigned longs, cbPciLength counting both.
        Memory pci = DirectTransmit.sendPci(PcscLibrary.SCARD_PROTOCOL_T1);
        assertThat(pci.size()).isEqualTo(16);
        assertThat(pci.getLong(0)).isEqualTo(PcscLibrary.SCARD_PROTOCOL_T1);
        assertThat(pci.getLong(8)).isEqualTo(16);
        assertThat(DirectTransmit.dword().size()).isEqualTo(8);
    }

    @Test
    void direct_transmit_has_an_eight_byte_and_a_four_byte_signature_with_pointer_sized_handles() throws Exception {
        // Compared by reflection only: loading Narrow would bind the library with the wrong widths here.
        Class<?>[] wide = {Pointer.class, Pointer.class, byte[].class, long.class, Pointer.class, Pointer.class, Pointer.class};
        Class<?>[] narrow = {Pointer.class, Pointer.class, byte[].class, int.class, Pointer.class, Pointer.class, Pointer.class};
        Method w = DirectTransmit.Wide.class.getDeclaredMethod("SCardTransmit", wide);
        Method n = DirectTransmit.Narrow.class.getDeclaredMethod("SCardTransmit", narrow);
        assertThat(w.getReturnType()).isEqualTo(long.class);
        assertThat(n.getReturnType()).isEqualTo(int.class);
        assertThat(Modifier.isNative(w.getModifiers()) && Modifier.isStatic(w.getModifiers())).isTrue();
        assertThat(Modifier.isNative(n.getModifiers()) && Modifier.isStatic(n.getModifiers())).isTrue();
        Method wb = DirectTransmit.Wide.class.getDeclaredMethod("SCardBeginTransaction", Pointer.class);
        Method nb = DirectTransmit.Narrow.class.getDeclaredMethod("SCardBeginTransaction", Pointer.class);
        assertThat(wb.getReturnType()).isEqualTo(long.class);
        assertThat(nb.getReturnType()).isEqualTo(int.class);
        assertThat(Modifier.isNative(wb.getModifiers()) && Modifier.isNative(nb.getModifiers())).isTrue();
        // Windows (4-byte DWORD) takes the narrow one; 64-bit pcsc-lite the wide one.
        assertThat(PcscLibrary.Abi.WINSCARD.dwordSize).isEqualTo(4);
        assertThat(PcscLibrary.Abi.PCSC_LITE.dwordSize).isEqualTo(8);
    }

    @Test
    void the_library_override_names_the_library_of_both_bindings() {
        String before = System.getProperty("madoguchi.pcsclite");
        try {
            System.setProperty("madoguchi.pcsclite", "/opt/other/libpcsclite.so.1");
            assertThat(PcscLibrary.Abi.PCSC_LITE.libraryName()).isEqualTo("/opt/other/libpcsclite.so.1");
            System.clearProperty("madoguchi.pcsclite");
            assertThat(PcscLibrary.Abi.PCSC_LITE.libraryName()).isEqualTo("pcsclite");
            assertThat(PcscLibrary.Abi.WINSCARD.libraryName()).isEqualTo("winscard");
        } finally {
            if (before != null) {
                System.setProperty("madoguchi.pcsclite", before);
            }
        }
    }

    @Test
    void references_round_trip_values_above_two_to_the_31() {
        PcscLibrary.DwordByReference ref = new PcscLibrary.DwordByReference(0xFFFFFFFFL);
        assertThat(ref.getValue()).isEqualTo(0xFFFFFFFFL);
        assertThat(new PcscLibrary.HandleByReference().getValue().longValue()).isZero();
        assertThat(JnaCardTerminals.code(new PcscLibrary.Dword(0x8010001DL))).isEqualTo(PcscError.E_NO_SERVICE);
    }
}
