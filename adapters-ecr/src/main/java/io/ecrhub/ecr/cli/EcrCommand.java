package io.ecrhub.ecr.cli;

import io.ecrhub.domain.terminal.PosKey;
import io.ecrhub.ecr.codec.Canonical;
import io.ecrhub.ecr.codec.EcrCodec;
import io.ecrhub.ecr.codec.EcrCodecException;
import io.ecrhub.ecr.codec.EcrResponse;
import io.ecrhub.ecr.codec.Json;
import io.ecrhub.ecr.codec.LenientParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ecr encode} / {@code ecr decode}: the wire codec by hand, with a given key. */
@Command(
    name = "ecr",
    mixinStandardHelpOptions = true,
    description = "Build or read ECR request/response bodies with a POS key.",
    subcommands = {EcrCommand.Encode.class, EcrCommand.Decode.class})
final class EcrCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new EcrHubCli.UsageException("name a subcommand: encode or decode");
  }

  /** Options both subcommands take. */
  static class KeyOptions {
    @Option(names = "--pos-key-file", description = "File holding the POS key (or ECRHUB_POS_KEY).")
    Path posKeyFile;

    PosKey key() {
      return KeyFiles.require(posKeyFile, System.getenv(KeyFiles.ENV));
    }
  }

  @Command(
      name = "encode",
      mixinStandardHelpOptions = true,
      description = {
        "Prints the HTTP body for a request, e.g.:",
        "  ecr encode --pos-key-file key.txt --func 4001 --field orderId=12345678",
        "func_type, amt and the integer options go bare; every other field is a string."
      })
  static final class Encode implements Callable<Integer> {
    @Spec CommandSpec spec;

    @picocli.CommandLine.Mixin KeyOptions keys = new KeyOptions();

    @Option(names = "--func", description = "func_type: 1001, 1002, 3001, 3002, 4001, 5001.")
    Integer func;

    @Option(
        names = {"-f", "--field"},
        description = "A content field as name=value (repeatable).")
    List<String> fields = List.of();

    @Option(names = "--content", description = "The whole content as a JSON object instead.")
    String content;

    @Option(names = "--no-encryption", description = "Plain JSON body (MMS encryption off).")
    boolean plain;

    @Option(names = "--explain", description = "Also print the canonical content and digest.")
    boolean explain;

    @Override
    public Integer call() throws EcrCodecException {
      Map<String, Object> c = content();
      String key = keys.key().reveal();
      PrintWriter out = spec.commandLine().getOut();
      if (explain) {
        String canonical = Canonical.render(c);
        out.println("canonical: " + canonical);
        out.println("digest:    " + Canonical.digest(canonical, key));
      }
      out.println(EcrCodec.encodeRequest(c, key, !plain));
      out.flush();
      return 0;
    }

    /** Fields Odoo sends as bare numbers (protocol doc §5.3); every other field is a string. */
    private static final java.util.Set<String> NUMERIC =
        java.util.Set.of(
            "func_type",
            "amt",
            "camera_id",
            "payment_timeout",
            "wait_card_timeout",
            "moveToBack",
            "allow_modify_flag");

    private static BigDecimal number(String name, String v) {
      try {
        return new BigDecimal(v);
      } catch (NumberFormatException e) {
        throw new EcrHubCli.UsageException(name + " must be a number");
      }
    }

    private Map<String, Object> content() throws EcrCodecException {
      Map<String, Object> c = new TreeMap<>();
      if (content != null) {
        c.putAll(LenientParser.parseObject(content));
      }
      for (String f : fields) {
        int eq = f.indexOf('=');
        if (eq < 1) {
          throw new EcrHubCli.UsageException("--field takes name=value, got a field without '='");
        }
        String v = f.substring(eq + 1);
        String name = f.substring(0, eq);
        c.put(name, NUMERIC.contains(name) ? number(name, v) : v);
      }
      if (func != null) {
        c.put("func_type", func);
      }
      if (!c.containsKey("func_type")) {
        throw new EcrHubCli.UsageException("give --func (or func_type in --content)");
      }
      return c;
    }
  }

  @Command(
      name = "decode",
      mixinStandardHelpOptions = true,
      description = {
        "Reads a body from --body or standard input and prints what it says.",
        "A request is decrypted and its digest verified; a response is decoded tolerantly.",
        "Exit code 0 when it decodes (and the digest matches), 2 when it does not."
      })
  static final class Decode implements Callable<Integer> {
    @Spec CommandSpec spec;

    @picocli.CommandLine.Mixin KeyOptions keys = new KeyOptions();

    @Option(names = "--response", description = "The body is a terminal's response.")
    boolean response;

    @Option(names = "--body", description = "The body (default: read standard input).")
    String body;

    @Override
    public Integer call() throws IOException {
      String text = body != null ? body : readStdin();
      String key = keys.key().reveal();
      PrintWriter out = spec.commandLine().getOut();
      try {
        Map<String, Object> m = new LinkedHashMap<>();
        if (response) {
          EcrResponse r = EcrCodec.decodeResponse(text.getBytes(StandardCharsets.UTF_8), key);
          m.put("respcd", r.respcd());
          m.put("respmsg", r.respmsg());
          m.put("resperr", r.resperr());
          m.put("data", r.data());
        } else {
          boolean encrypted = !text.trim().startsWith("{");
          EcrCodec.DecodedRequest d = EcrCodec.decodeRequest(text, key, encrypted);
          m.put("encrypted", d.wasEncrypted());
          m.put("digest", "ok");
          m.put("content", d.content());
        }
        out.println(Json.write(m));
        out.flush();
        return 0;
      } catch (EcrCodecException e) {
        spec.commandLine().getErr().println("cannot decode (" + e.kind() + "): " + e.getMessage());
        return 2;
      }
    }

    private static String readStdin() throws IOException {
      InputStream in = System.in;
      byte[] data = in.readNBytes(EcrCodec.MAX_BODY_BYTES + 1);
      if (data.length > EcrCodec.MAX_BODY_BYTES) {
        throw new EcrHubCli.UsageException("the body is larger than " + EcrCodec.MAX_BODY_BYTES);
      }
      return new String(data, StandardCharsets.UTF_8);
    }
  }
}
