/**
 * The doctor CLI: the hub's diagnostics and the ECR wire codec from a technician's laptop, without
 * a running hub. {@code java -jar adapters-ecr-<version>-cli.jar doctor --host 192.168.1.50}.
 *
 * <p>Invariants: keys are read from a file or an environment variable, never from the command line,
 * and never printed; exit codes are 0 pass, 1 warn, 2 fail, 64 usage, 70 internal error.
 */
package io.ecrhub.ecr.cli;
