package io.ecrhub.ecr.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.ecrhub.domain.testing.TerminalFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EcrCodecCommandTest {
  private final DoctorEnvironment env = EcrHubCli.defaultEnvironment();

  @Test
  void encode_reproducesThePublishedInquiryDigest_andDecodeReadsItBack(@TempDir Path dir)
      throws Exception {
    Path key = dir.resolve("key.txt");
    Files.writeString(key, TerminalFixture.PUBLISHED_DEFAULT_POS_KEY + "\n");

    CliTestSupport.Result enc =
        CliTestSupport.run(
            env,
            "ecr",
            "encode",
            "--pos-key-file",
            key.toString(),
            "--func",
            "4001",
            "--field",
            "orderId=x12345678",
            "--explain");
    assertThat(enc.exitCode()).isZero();
    String[] lines = enc.out().strip().split("\n");
    assertThat(lines[0]).isEqualTo("canonical: {func_type=4001,orderId='x12345678'}");
    String body = lines[2].strip();
    assertThat(body).startsWith("\"").endsWith("\"");

    CliTestSupport.Result dec =
        CliTestSupport.run(env, "ecr", "decode", "--pos-key-file", key.toString(), "--body", body);
    assertThat(dec.exitCode()).isZero();
    assertThat(dec.out()).contains("\"digest\":\"ok\"").contains("\"orderId\":\"x12345678\"");
    assertThat(enc.out() + dec.out() + enc.err() + dec.err())
        .doesNotContain(TerminalFixture.PUBLISHED_DEFAULT_POS_KEY);
  }

  @Test
  void publishedDigestVector_isReproduced(@TempDir Path dir) throws Exception {
    Path key = dir.resolve("key.txt");
    Files.writeString(key, TerminalFixture.PUBLISHED_DEFAULT_POS_KEY);
    CliTestSupport.Result enc =
        CliTestSupport.run(
            env,
            "ecr",
            "encode",
            "--pos-key-file",
            key.toString(),
            "--func",
            "4001",
            "--field",
            "orderId=12345678",
            "--explain");
    CliTestSupport.Result quoted =
        CliTestSupport.run(
            env,
            "ecr",
            "encode",
            "--pos-key-file",
            key.toString(),
            "--content",
            "{\"func_type\":4001,\"orderId\":\"12345678\"}",
            "--explain");
    assertThat(enc.exitCode()).isZero();
    assertThat(enc.out()).contains("digest:    99CE8BF9C7304AC964522D10F51660B4");
    assertThat(quoted.out()).contains("digest:    99CE8BF9C7304AC964522D10F51660B4");
  }

  @Test
  void decodeWithTheWrongKey_exits2_withoutPrintingEitherKey(@TempDir Path dir) throws Exception {
    Path right = dir.resolve("right.txt");
    Path wrong = dir.resolve("wrong.txt");
    Files.writeString(right, "a1b2c3d4e5f60718293a4b5c6d7e8f90");
    Files.writeString(wrong, "0f1e2d3c4b5a69788796a5b4c3d2e1f0");
    String body =
        CliTestSupport.run(
                env, "ecr", "encode", "--pos-key-file", right.toString(), "--func", "5001")
            .out()
            .strip();
    CliTestSupport.Result dec =
        CliTestSupport.run(
            env, "ecr", "decode", "--pos-key-file", wrong.toString(), "--body", body);
    assertThat(dec.exitCode()).isEqualTo(2);
    assertThat(dec.err()).contains("cannot decode");
    assertThat(dec.out() + dec.err()).doesNotContain("a1b2c3d4e5f6").doesNotContain("0f1e2d3c4b5a");
  }

  @Test
  void plainResponse_isDecoded(@TempDir Path dir) throws Exception {
    Path key = dir.resolve("key.txt");
    Files.writeString(key, "a1b2c3d4e5f60718293a4b5c6d7e8f90");
    CliTestSupport.Result dec =
        CliTestSupport.run(
            env,
            "ecr",
            "decode",
            "--response",
            "--pos-key-file",
            key.toString(),
            "--body",
            "{\"respcd\":\"6002\",\"respmsg\":\"\",\"resperr\":\"no such order\",\"data\":\"\"}");
    assertThat(dec.exitCode()).isZero();
    assertThat(dec.out()).contains("\"respcd\":\"6002\"").contains("no such order");
  }

  @Test
  void missingKey_badKeyFile_andUnknownOptions_exit64() throws Exception {
    assertThat(CliTestSupport.run(env, "ecr", "encode", "--func", "5001").exitCode())
        .isEqualTo(EcrHubCli.USAGE);
    Path bad = Files.createTempFile("bad", ".txt");
    Files.writeString(bad, "short");
    CliTestSupport.Result r =
        CliTestSupport.run(env, "ecr", "encode", "--pos-key-file", bad.toString(), "--func", "1");
    assertThat(r.exitCode()).isEqualTo(EcrHubCli.USAGE);
    assertThat(r.err()).contains("16, 24 or 32").doesNotContain("short");
    Files.delete(bad);
    assertThat(CliTestSupport.run(env, "doctor", "--bogus").exitCode()).isEqualTo(EcrHubCli.USAGE);
    assertThat(CliTestSupport.run(env).exitCode()).isEqualTo(EcrHubCli.USAGE);
  }
}
