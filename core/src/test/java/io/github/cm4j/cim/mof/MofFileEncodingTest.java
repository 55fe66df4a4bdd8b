package io.github.cm4j.cim.mof;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.cm4j.ParseException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link MofParser#parse(Path)} reads UTF-8 and UTF-16 files, detecting the byte order mark. */
class MofFileEncodingTest {
    private static final String MOF = "// caf\u00e9\r\n#pragma namespace(\"\\\\\\\\.\\\\root\\\\cimv2\")\r\n"
            + "[Description(\"\u65e5\u672c\")] class Win11Compatibility { [key] string KeyName; };\r\n";

    @TempDir
    Path dir;

    private Path write(String name, byte[] bom, Charset charset) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(bom);
        out.write(MOF.getBytes(charset));
        return Files.write(dir.resolve(name), out.toByteArray());
    }

    private static void assertReadsTheClass(MofDocument doc, String name) {
        assertThat(doc.sourceName()).contains(name);
        assertThat(doc.pragmas().get(0).argument()).isEqualTo("\\\\.\\root\\cimv2");
        assertThat(doc.classes().get(0).name()).isEqualTo("Win11Compatibility");
        assertThat(doc.classes().get(0).qualifier("Description").orElseThrow().value().asString()).isEqualTo("\u65e5\u672c");
    }

    @Test
    void readsUtf8WithAndWithoutBom() throws IOException {
        assertReadsTheClass(MofParser.parse(write("plain.mof", new byte[0], StandardCharsets.UTF_8)), "plain.mof");
        assertReadsTheClass(MofParser.parse(write("bom.mof", new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF},
                StandardCharsets.UTF_8)), "bom.mof");
    }

    @Test
    void readsUtf16InBothByteOrders() throws IOException {
        assertReadsTheClass(MofParser.parse(write("le.mof", new byte[] {(byte) 0xFF, (byte) 0xFE},
                StandardCharsets.UTF_16LE)), "le.mof");
        assertReadsTheClass(MofParser.parse(write("be.mof", new byte[] {(byte) 0xFE, (byte) 0xFF},
                StandardCharsets.UTF_16BE)), "be.mof");
        assertReadsTheClass(MofParser.parse(write("le-no-bom.mof", new byte[0], StandardCharsets.UTF_16LE)),
                "le-no-bom.mof");
    }

    @Test
    void malformedBytesAreAParseExceptionAtTheirPosition() throws IOException {
        byte[] bytes = "class A {\n  string \u00e9".getBytes(StandardCharsets.UTF_8);
        byte[] broken = new byte[bytes.length + 2];
        System.arraycopy(bytes, 0, broken, 0, bytes.length);
        broken[bytes.length] = (byte) 0xC3; // a lead byte followed by no continuation byte
        broken[bytes.length + 1] = (byte) 'x';
        Path file = Files.write(dir.resolve("broken.mof"), broken);

        ParseException e = catchThrowableOfType(ParseException.class, () -> MofParser.parse(file));

        assertThat(e.what()).isEqualTo("MOF broken.mof");
        assertThat(e.problem()).isEqualTo("not valid UTF-8 text: malformed bytes at byte offset " + bytes.length);
        assertThat(e.line()).isEqualTo(2);
        assertThat(e.column()).isEqualTo(11);
    }

    @Test
    void syntaxErrorsNameTheFile() throws IOException {
        Path file = Files.writeString(dir.resolve("Configuration.mof"), "class A {\r\n  string X\r\n};");

        ParseException e = catchThrowableOfType(ParseException.class, () -> MofParser.parse(file));

        assertThat(e.getMessage()).isEqualTo("MOF Configuration.mof: expected ';' after property declaration but"
                + " found '}' at line 3, column 1");
    }

    @Test
    void aFileLargerThanTheLimitIsRefusedBeforeParsing() throws IOException {
        Path file = dir.resolve("huge.mof");
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.setLength(MofParser.MAX_FILE_BYTES + 1);
        }

        ParseException e = catchThrowableOfType(ParseException.class, () -> MofParser.parse(file));

        assertThat(e.problem()).isEqualTo("the file is larger than 67108864 bytes");
    }
}
