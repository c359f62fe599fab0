package io.ecrhub.mms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ecrhub.domain.merchant.ConfigSnapshot;
import io.ecrhub.domain.merchant.ConfigSourceException;
import io.ecrhub.domain.merchant.DeviceConfig;
import io.ecrhub.domain.merchant.RowError;
import io.ecrhub.domain.testing.TerminalFixture;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvMerchantConfigSourceTest {
  static final String KEY_A = "a1b2c3d4e5f60718293a4b5c6d7e8f90";
  static final String KEY_B = "0f1e2d3c4b5a69788796a5b4c3d2e1f0";
  static final String KEY_C = "c0ffeec0ffeec0ffeec0ffeec0ffee00";

  private static ConfigSnapshot csv(String text) {
    return CsvMerchantConfigSource.upload(
            "test.csv", text.getBytes(StandardCharsets.UTF_8), ImportOptions.defaults())
        .fetch();
  }

  @Test
  void goodRowsApply_andEachBadRowIsReportedWithItsReason() {
    String text =
        String.join(
            "\n",
            "Serial No.,Device Name,POS-KEY,Enable Https,Encryption,IP Address",
            "N5A1,Front till," + KEY_A + ",yes,on,192.168.1.50",
            "N5A2,Back till,tooshort,no,off,",
            "N5A3,," + KEY_B + ",maybe,1,192.168.1.52",
            "," + "Nameless," + KEY_C + ",1,1,",
            "N5A5,Bad ip," + KEY_C + ",true,false,300.1.1.1",
            "N5A6,Default," + TerminalFixture.PUBLISHED_DEFAULT_POS_KEY + ",off,on,",
            "N5A7,Last till," + KEY_B + ",OFF,Yes,",
            "");

    ConfigSnapshot s = csv(text);

    assertThat(s.source()).isEqualTo("upload:test.csv");
    assertThat(s.devices()).extracting(DeviceConfig::deviceId).containsExactly("N5A1", "N5A7");
    DeviceConfig first = s.devices().get(0);
    assertThat(first.name()).isEqualTo("Front till");
    assertThat(first.https()).isTrue();
    assertThat(first.encryption()).isTrue();
    assertThat(first.ip()).isEqualTo("192.168.1.50");
    assertThat(first.posKey().reveal()).isEqualTo(KEY_A);
    assertThat(s.devices().get(1).https()).isFalse();

    assertThat(s.errors())
        .extracting(RowError::row, RowError::field, RowError::deviceId)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(3, "pos key", "N5A2"),
            org.assertj.core.groups.Tuple.tuple(4, "https", "N5A3"),
            org.assertj.core.groups.Tuple.tuple(5, "device id", null),
            org.assertj.core.groups.Tuple.tuple(6, "ip", "N5A5"),
            org.assertj.core.groups.Tuple.tuple(7, "pos key", "N5A6"));
    assertThat(s.errors().get(0).reason()).contains("16, 24 or 32 characters");
    assertThat(s.errors().get(1).reason()).contains("yes/no");
    assertThat(s.errors().get(4).reason()).contains("published default key");
    for (RowError e : s.errors()) {
      assertThat(e.reason())
          .doesNotContain("tooshort")
          .doesNotContain(KEY_B)
          .doesNotContain(KEY_C)
          .doesNotContain(TerminalFixture.PUBLISHED_DEFAULT_POS_KEY)
          .doesNotContain("maybe");
    }
  }

  @Test
  void bomSemicolonsQuotesAndCrlf_areRead() {
    String text =
        "\uFEFF\"Device ID\";\"Name\";\"POS Key\";\"HTTPS\";\"Encryption\"\r\n"
            + "\"N5-1\";\"Till; \"\"main\"\"\";\""
            + KEY_A
            + "\";\"On\";\"Off\"\r\n";
    ConfigSnapshot s = csv(text);
    assertThat(s.errors()).isEmpty();
    assertThat(s.devices())
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.deviceId()).isEqualTo("N5-1");
              assertThat(d.name()).isEqualTo("Till; \"main\"");
              assertThat(d.https()).isTrue();
              assertThat(d.encryption()).isFalse();
              assertThat(d.ip()).isNull();
            });
  }

  @Test
  void utf16TabSeparatedExport_isRead() {
    String text = "Terminal ID\tPOS Key\tHttps\tEncryption\nT9\t" + KEY_A + "\t0\t1\n";
    byte[] body = new byte[2 + text.length() * 2];
    body[0] = (byte) 0xFF;
    body[1] = (byte) 0xFE;
    byte[] le = text.getBytes(StandardCharsets.UTF_16LE);
    System.arraycopy(le, 0, body, 2, le.length);
    ConfigSnapshot s =
        CsvMerchantConfigSource.upload("x.txt", body, ImportOptions.defaults()).fetch();
    assertThat(s.devices()).singleElement().extracting(DeviceConfig::deviceId).isEqualTo("T9");
  }

  @Test
  void missingRequiredColumns_rejectTheWholeFile_namingThem() {
    assertThatThrownBy(() -> csv("Device ID,Name,POS Key\nA," + "x," + KEY_A + "\n"))
        .isInstanceOf(ConfigSourceException.class)
        .hasMessageContaining("https")
        .hasMessageContaining("encryption")
        .hasMessageNotContaining(KEY_A)
        .extracting(e -> ((ConfigSourceException) e).code())
        .isEqualTo(ConfigSourceException.INVALID);
  }

  @Test
  void rowWithTooManyFields_isReported_othersStillRead() {
    ConfigSnapshot s =
        csv(
            "device,poskey,https,encryption\n"
                + "A,"
                + KEY_A
                + ",yes,yes,extra,"
                + KEY_B
                + "\nB,"
                + KEY_B
                + ",yes,yes\n");
    assertThat(s.devices()).extracting(DeviceConfig::deviceId).containsExactly("B");
    assertThat(s.errors())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.reason()).contains("row 2 has 6 fields");
              assertThat(e.reason()).doesNotContain(KEY_B);
            });
  }

  @Test
  void deviceListedTwice_isRejectedOnBothRows() {
    ConfigSnapshot s =
        csv(
            "sn,pos key,https,encryption\nA,"
                + KEY_A
                + ",1,1\nA,"
                + KEY_B
                + ",1,1\nB,"
                + KEY_C
                + ",1,1\n");
    assertThat(s.devices()).extracting(DeviceConfig::deviceId).containsExactly("B");
    assertThat(s.errors()).extracting(RowError::row).containsExactly(2, 3);
    assertThat(s.errors()).allSatisfy(e -> assertThat(e.deviceId()).isEqualTo("A"));
  }

  @Test
  void unclosedQuote_andEmptyFile_areInvalid() {
    assertThatThrownBy(() -> csv("sn,pos key,https,encryption\n\"A," + KEY_A + ",1,1\n"))
        .isInstanceOf(ConfigSourceException.class)
        .hasMessageContaining("never closed");
    assertThatThrownBy(() -> csv("\n\n")).hasMessageContaining("empty");
  }

  @Test
  void fileSource_readsOnEachFetch_andReportsAMissingFile(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("poskeys.csv");
    Files.writeString(f, "sn,pos key,https,encryption\nA," + KEY_A + ",1,1\n");
    CsvMerchantConfigSource src = CsvMerchantConfigSource.file(f, ImportOptions.defaults());
    assertThat(src.name()).isEqualTo("csv:" + f);
    assertThat(src.fetch().devices()).hasSize(1);
    Files.writeString(f, "sn,pos key,https,encryption\nA," + KEY_A + ",1,1\nB," + KEY_B + ",0,1\n");
    assertThat(src.fetch().devices()).hasSize(2);
    Files.delete(f);
    assertThatThrownBy(src::fetch)
        .isInstanceOf(ConfigSourceException.class)
        .hasMessageContaining("not found");
  }

  @Test
  void oversizeUpload_isRefused() {
    byte[] big = new byte[2048];
    assertThatThrownBy(
            () -> CsvMerchantConfigSource.upload("big.csv", big, new ImportOptions(false, 1024)))
        .isInstanceOf(ConfigSourceException.class)
        .hasMessageContaining("at most 1024");
  }

  @Test
  void publishedDefaultKey_isAcceptedOnlyWhenAllowed() {
    String text =
        "sn,pos key,https,encryption\nLAB," + TerminalFixture.PUBLISHED_DEFAULT_POS_KEY + ",0,1\n";
    ConfigSnapshot lab =
        CsvMerchantConfigSource.upload(
                "lab.csv",
                text.getBytes(StandardCharsets.UTF_8),
                ImportOptions.defaults().allowingPublishedDefaultKey())
            .fetch();
    assertThat(lab.devices()).hasSize(1);
  }
}
