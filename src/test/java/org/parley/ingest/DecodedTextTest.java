package org.parley.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.parley.config.ConfigLoader;
import org.parley.config.ParleyConfig;

/** Undecodable bytes are dropped and counted; they never cost the article. */
class DecodedTextTest {
  private static final Charset CP1252 = Charset.forName("windows-1252");

  private static byte[] bytes(String ascii1, int[] raw, String ascii2) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(ascii1.getBytes(StandardCharsets.US_ASCII));
    for (int b : raw) {
      out.write(b);
    }
    out.writeBytes(ascii2.getBytes(StandardCharsets.US_ASCII));
    return out.toByteArray();
  }

  @Test
  void windows1252BulletKeptAndUndefinedByteDroppedAndCounted() {
    byte[] in = bytes("medical attention. ", new int[] {0x95, 0x81}, "Time is running out");
    DecodedText d = DecodedText.decode(in, CP1252);

    assertEquals("medical attention. •Time is running out", d.text());
    assertEquals(1, d.undecodableBytes());
    assertEquals(in.length, d.totalBytes());
    assertEquals(1.0 / in.length, d.undecodableShare(), 1e-12);
    assertFalse(d.text().contains("\uFFFD"));
  }

  @Test
  void invalidUtf8IsDroppedNotReplaced() {
    byte[] in = bytes("caf", new int[] {0xC3, 0xA9, 0xFF}, " ok");
    DecodedText d = DecodedText.decode(in, StandardCharsets.UTF_8);
    assertEquals("café ok", d.text());
    assertEquals(1, d.undecodableBytes());
  }

  @Test
  void byteOrderMarkIsRemoved() {
    byte[] in = bytes("", new int[] {0xEF, 0xBB, 0xBF}, "Text");
    assertEquals("Text", DecodedText.decode(in, StandardCharsets.UTF_8).text());
  }

  @Test
  void offsetAndLengthDecodeOnlyTheSlice() {
    byte[] in = "one\ntwo\nthree".getBytes(StandardCharsets.UTF_8);
    DecodedText d = DecodedText.decode(in, 4, 3, StandardCharsets.UTF_8);
    assertEquals("two", d.text());
    assertEquals(3, d.totalBytes());
  }

  @Test
  void emptyInputDecodesToEmptyText() {
    // A blank line in a .jsonl file is an empty slice; decoding it once threw
    // IllegalStateException.
    DecodedText d =
        DecodedText.decode("a\n\nb".getBytes(StandardCharsets.UTF_8), 2, 0, StandardCharsets.UTF_8);
    assertEquals("", d.text());
    assertEquals(0, d.undecodableBytes());
    assertEquals(0.0, d.undecodableShare());
  }

  @Test
  void binaryDetection() {
    assertTrue(DecodedText.looksBinary(new byte[] {'a', 0, 'b'}), "a NUL byte");
    byte[] controls = new byte[100];
    java.util.Arrays.fill(controls, (byte) 'x');
    for (int i = 0; i < 10; i++) {
      controls[i * 10] = 0x01;
    }
    assertTrue(DecodedText.looksBinary(controls), "10% control bytes");
    assertFalse(
        DecodedText.looksBinary(
            "Plain text\twith tabs\r\nand lines\f".getBytes(StandardCharsets.UTF_8)));
    assertFalse(DecodedText.looksBinary(new byte[0]));
  }

  @Test
  void csvRecordWithOneStrayByteIsAcceptedWithTheBullet() {
    ParleyConfig config =
        ConfigLoader.load(null, java.util.Map.of("ingest.csv.charset", "windows-1252"));
    // The undecodable share of a CSV file is judged over the whole file: 1 byte in > 100 is fine.
    byte[] csv =
        bytes(
            "id,text\n7,\"They are in desperate need of medical attention. ",
            new int[] {0x95, 0x81},
            "Time is running out for the people.\"\n"
                + "8,\"A second article makes the file longer than one hundred bytes.\"\n");
    List<IngestRecord> records = CsvArticles.parse("f.csv", csv, IngestOptions.from(config));

    assertEquals(2, records.size());
    assertTrue(
        records.get(0).isAccepted(),
        () -> records.get(0).reason() + ": " + records.get(0).detail());
    assertEquals(
        "They are in desperate need of medical attention. •Time is running out for the people.",
        records.get(0).article().text());
  }

  @Test
  void recordWithTooManyUndecodableBytesIsRejected() {
    ParleyConfig config =
        ConfigLoader.load(null, java.util.Map.of("ingest.csv.charset", "windows-1252"));
    byte[] csv = bytes("id,text\n7,\"x", new int[] {0x81, 0x81, 0x81, 0x81, 0x81, 0x81}, "y\"\n");
    List<IngestRecord> records = CsvArticles.parse("f.csv", csv, IngestOptions.from(config));
    assertEquals(1, records.size());
    assertEquals(RejectReason.UNDECODABLE_BYTES.code(), records.get(0).reason());
    assertEquals("file", records.get(0).locator(), "judged over the whole CSV file");
    assertTrue(
        records.get(0).detail().startsWith("6 of " + csv.length + " bytes"),
        records.get(0).detail());
  }
}
