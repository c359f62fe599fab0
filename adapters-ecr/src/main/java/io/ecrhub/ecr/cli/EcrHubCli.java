package io.ecrhub.ecr.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The technician's command line: {@code doctor} runs the hub's diagnostics from a laptop without a
 * running hub; {@code ecr encode} / {@code ecr decode} build or read a request or response body
 * with a given key. Exit codes: 0 pass, 1 warn, 2 fail; 64 bad usage; 70 internal error.
 */
@Command(
    name = "ecrhub",
    mixinStandardHelpOptions = true,
    version = "ECR Hub doctor 0.1",
    description = "ECR Hub command line: terminal diagnostics and the ECR wire codec.",
    subcommands = {DoctorCommand.class, EcrCommand.class})
public final class EcrHubCli implements Runnable {
  /** Exit code for bad usage (sysexits EX_USAGE), distinct from the 0/1/2 verdicts. */
  public static final int USAGE = 64;

  /** Exit code for an unexpected internal error (sysexits EX_SOFTWARE). */
  public static final int INTERNAL = 70;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "name a command: doctor or ecr");
  }

  public static void main(String[] args) {
    CommandLineJvm.prepare();
    System.exit(
        run(
            defaultEnvironment(),
            new PrintWriter(System.out, true),
            new PrintWriter(System.err, true),
            args));
  }

  /** The real environment: QFPay's CA, the channel's connector and a Netty terminal channel. */
  public static DoctorEnvironment defaultEnvironment() {
    return new ChannelDoctorEnvironment();
  }

  /** Runs the CLI with the given environment and streams; returns the exit code. */
  public static int run(DoctorEnvironment env, PrintWriter out, PrintWriter err, String... args) {
    CommandLine cl =
        new CommandLine(
            new EcrHubCli(),
            new CommandLine.IFactory() {
              @Override
              public <K> K create(Class<K> cls) throws Exception {
                if (cls == DoctorCommand.class) {
                  return cls.cast(new DoctorCommand(env));
                }
                return CommandLine.defaultFactory().create(cls);
              }
            });
    cl.setOut(out);
    cl.setErr(err);
    cl.setParameterExceptionHandler(
        (ex, ignored) -> {
          PrintWriter e = ex.getCommandLine().getErr();
          e.println("error: " + ex.getMessage());
          ex.getCommandLine().usage(e);
          return USAGE;
        });
    cl.setExecutionExceptionHandler(
        (ex, commandLine, parseResult) -> {
          if (ex instanceof UsageException u) {
            commandLine.getErr().println("error: " + u.getMessage());
            return USAGE;
          }
          commandLine
              .getErr()
              .println(
                  "internal error: "
                      + ex.getClass().getSimpleName()
                      + (ex.getMessage() == null ? "" : ": " + ex.getMessage()));
          return INTERNAL;
        });
    return cl.execute(args);
  }

  /** Bad input found after parsing (an unreadable key file...): exit 64 with the reason. */
  static final class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
      super(message, null, false, false);
    }
  }
}
