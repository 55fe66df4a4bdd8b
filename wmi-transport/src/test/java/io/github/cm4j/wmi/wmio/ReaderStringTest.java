package io.github.cm4j.wmi.wmio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The word-at-a-time Encoded-String scan (MS-WMIO 2.2.78) reads what the octet-by-octet one reads. */
class ReaderStringTest {

    private static byte[] heap(int lead, int flag, String text, boolean terminated, int trailing) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (int i = 0; i < lead; i++) {
            b.write(0x41 + i);
        }
        b.write(flag);
        b.writeBytes(text.getBytes(flag == 0 ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_16LE));
        if (terminated) {
            b.write(0);
            if (flag == 1) {
                b.write(0);
            }
        }
        for (int i = 0; i < trailing; i++) {
            b.write(0x7F);
        }
        return b.toByteArray();
    }

    private static String text(int length, boolean wide) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < length; i++) {
            // Compressed: non-zero octets with the high bit set. UTF-16: E9 00 | 00 01 puts two zero octets side
            // by side across a code-unit boundary, which must not read as the terminator.
            sb.append(wide ? (char) (i % 3 == 0 ? 0x00E9 : i % 3 == 1 ? 0x0100 : 0x4E00 + i) : (char) (i % 2 == 0 ? 0x80 + i : 0xFF));
        }
        return sb.toString();
    }

    @Test
    void everyLengthAndAlignmentReadsTheSameTextAndLength() {
        for (int flag = 0; flag <= 1; flag++) {
            for (int length = 0; length <= 40; length++) {
                for (int lead = 0; lead < 8; lead++) {
                    for (int trailing : new int[] {0, 9}) {
                        String text = text(length, flag == 1);
                        byte[] buf = heap(lead, flag, text, true, trailing);
                        Reader region = new Reader(buf, 0, buf.length, "Heap", new Reader.Budget(0, buf.length));
                        Reader slow = region.at(lead, "string");

                        assertThat(region.encodedStringAt(lead)).isEqualTo(text).isEqualTo(slow.encodedString("s"));
                        assertThat(region.lastStringLength()).isEqualTo(slow.position());
                    }
                }
            }
        }
    }

    @Test
    void anUnterminatedStringOrAnUnknownFlagIsLeftToTheReportingReader() {
        for (int flag = 0; flag <= 1; flag++) {
            for (int length = 0; length <= 20; length++) {
                byte[] buf = heap(3, flag, text(length, flag == 1), false, 0);
                Reader region = new Reader(buf, 0, buf.length, "Heap", new Reader.Budget(0, buf.length));
                assertThat(region.encodedStringAt(3)).isNull();
                assertThatThrownBy(() -> region.at(3, "string").encodedString("s"))
                        .isInstanceOf(WmioFormatException.class).hasMessageContaining("no terminating");
            }
        }
        byte[] buf = heap(0, 2, "abc", true, 0);
        Reader region = new Reader(buf, 0, buf.length, "Heap", new Reader.Budget(0, buf.length));
        assertThat(region.encodedStringAt(0)).isNull();
        assertThat(region.encodedStringAt(buf.length)).as("outside the region").isNull();
    }
}
