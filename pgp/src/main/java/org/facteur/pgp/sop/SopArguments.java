package org.facteur.pgp.sop;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** "--flag", "--option=value" (repeatable) and positional arguments of one subcommand. */
final class SopArguments {
  private final Map<String, List<String>> options = new LinkedHashMap<>();
  private final List<String> positional = new ArrayList<>();

  static SopArguments parse(List<String> args, Set<String> flags, Set<String> valued) throws SopException {
    SopArguments parsed = new SopArguments();
    boolean optionsEnded = false;
    for (String arg : args) {
      if (optionsEnded || !arg.startsWith("--")) {
        parsed.positional.add(arg);
      } else if (arg.equals("--")) {
        optionsEnded = true;
      } else {
        int eq = arg.indexOf('=');
        String name = eq < 0 ? arg.substring(2) : arg.substring(2, eq);
        boolean known = eq < 0 ? flags.contains(name) : valued.contains(name);
        if (!known) {
          throw new SopException(SopError.UNSUPPORTED_OPTION, "unsupported option " + arg);
        }
        parsed.options.computeIfAbsent(name, n -> new ArrayList<>()).add(eq < 0 ? "" : arg.substring(eq + 1));
      }
    }
    return parsed;
  }

  boolean flag(String name) {
    return options.containsKey(name);
  }

  List<String> values(String name) {
    return options.getOrDefault(name, List.of());
  }

  String value(String name, String fallback) {
    List<String> all = values(name);
    return all.isEmpty() ? fallback : all.getLast();
  }

  List<String> positional() {
    return positional;
  }

  List<String> positionalRequired(String what) throws SopException {
    if (positional.isEmpty()) {
      throw new SopException(SopError.MISSING_ARG, "missing argument: " + what);
    }
    return positional;
  }
}
