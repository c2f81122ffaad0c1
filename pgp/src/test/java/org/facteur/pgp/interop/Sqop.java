package org.facteur.pgp.interop;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Sequoia's SOP implementation (Debian package sqop), the independent judge. */
final class Sqop {
  private Sqop() {}

  static void requireInstalled() {
    if (!Tool.installed("sqop")) {
      throw new AssertionError("sqop not installed: CI must install the Debian package 'sqop'");
    }
  }

  static Tool.Result run(byte[] stdin, String... args) {
    List<String> command = new ArrayList<>(List.of("/usr/bin/sqop"));
    command.addAll(List.of(args));
    return Tool.run(command, stdin, Map.of());
  }
}
