package org.facteur.pgp.sop;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.facteur.pgp.OpenPgp;

/**
 * A Stateless OpenPGP command line (draft-dkg-openpgp-stateless-cli subset) over Facteur's
 * facade, so that other implementations (sqop, ...) can cross-test it. Output is written only
 * when the subcommand succeeds.
 */
public final class SopCli {
  static final String VERSION = "facteur-sop 0.1.0";

  /** A subcommand with the options it accepts (anything else is UNSUPPORTED_OPTION). */
  private record Subcommand(SopCommand command, Set<String> flags, Set<String> valuedOptions) {}

  private final Map<String, Subcommand> commands;

  public SopCli() {
    OpenPgp pgp = new OpenPgp();
    commands = Map.of(
        "generate-key", new Subcommand(new GenerateKeyCommand(), Set.of("no-armor"), Set.of("with-key-password", "profile")),
        "extract-cert", new Subcommand(new ExtractCertCommand(), Set.of("no-armor"), Set.of()),
        "sign", new Subcommand(new SignCommand(pgp), Set.of("no-armor"), Set.of("as", "with-key-password", "micalg-out")),
        "verify", new Subcommand(new VerifyCommand(pgp), Set.of(), Set.of()),
        "encrypt", new Subcommand(new EncryptCommand(pgp), Set.of("no-armor"), Set.of("as", "sign-with", "with-key-password", "profile")),
        "decrypt", new Subcommand(new DecryptCommand(pgp), Set.of(), Set.of("verify-with", "verifications-out", "verify-out", "with-key-password")));
  }

  public static void main(String[] args) {
    PrintStream stdout = new PrintStream(new BufferedOutputStream(System.out), false);
    int exit = new SopCli().run(Arrays.asList(args), System.in, stdout, System.err);
    stdout.flush();
    System.exit(exit);
  }

  /** Runs one subcommand; returns the process exit code. */
  public int run(List<String> args, InputStream in, OutputStream out, PrintStream err) {
    if (args.isEmpty()) {
      err.println("usage: sop SUBCOMMAND [OPTIONS] [ARGS]; subcommands: version " + String.join(" ", commands.keySet()));
      return SopError.UNSUPPORTED_SUBCOMMAND.exitCode;
    }
    String name = args.getFirst();
    try {
      if (name.equals("version")) {
        out.write((VERSION + "\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        return 0;
      }
      Subcommand command = commands.get(name);
      if (command == null) {
        throw new SopException(SopError.UNSUPPORTED_SUBCOMMAND, "unsupported subcommand " + name);
      }
      SopArguments arguments = SopArguments.parse(args.subList(1, args.size()), command.flags(), command.valuedOptions());
      ByteArrayOutputStream buffer = new ByteArrayOutputStream();
      command.command().run(arguments, in, buffer);
      buffer.writeTo(out);
      out.flush();
      return 0;
    } catch (SopException e) {
      err.println("sop " + name + ": " + e.getMessage());
      return e.error.exitCode;
    } catch (IOException | RuntimeException e) {
      err.println("sop " + name + ": " + e);
      return 1;
    }
  }
}
