package io.ecrhub.ecr.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs the CLI in-process and captures what it printed. */
final class CliTestSupport {
  private CliTestSupport() {}

  record Result(int exitCode, String out, String err) {}

  static Result run(DoctorEnvironment env, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = EcrHubCli.run(env, new PrintWriter(out, true), new PrintWriter(err, true), args);
    return new Result(code, out.toString(), err.toString());
  }
}
