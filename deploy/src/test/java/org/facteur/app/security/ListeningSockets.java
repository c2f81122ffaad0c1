package org.facteur.app.security;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The TCP sockets a process listens on, read from Linux's {@code /proc}: the socket inodes among the
 * process's file descriptors, matched against the LISTEN rows (state 0A) of {@code /proc/net/tcp} and
 * {@code tcp6}.
 */
final class ListeningSockets {
    record Listener(String address, int port) {
        boolean loopback() {
            return address.equals("127.0.0.1") || address.equals("::1") || address.equals("::ffff:127.0.0.1");
        }

        boolean wildcard() {
            return address.equals("0.0.0.0") || address.equals("::");
        }

        @Override
        public String toString() {
            return address + ":" + port;
        }
    }

    private ListeningSockets() {
    }

    static List<Listener> of(long pid) throws IOException {
        Set<String> inodes = new HashSet<>();
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(Path.of("/proc", Long.toString(pid), "fd"))) {
            for (Path fd : fds) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[")) {
                        inodes.add(target.substring(8, target.length() - 1));
                    }
                } catch (IOException closedMeanwhile) {
                    // the descriptor went away while we listed them
                }
            }
        }
        List<Listener> listeners = new ArrayList<>();
        for (String table : List.of("tcp", "tcp6")) {
            List<String> rows = Files.readAllLines(Path.of("/proc", Long.toString(pid), "net", table));
            for (String row : rows.subList(1, rows.size())) {
                String[] f = row.trim().split("\\s+");
                if (f[3].equals("0A") && inodes.contains(f[9])) {
                    String[] local = f[1].split(":");
                    listeners.add(new Listener(address(local[0]), Integer.parseInt(local[1], 16)));
                }
            }
        }
        return listeners;
    }

    /** /proc/net/tcp writes addresses as little-endian 32-bit hex words. */
    private static String address(String hex) {
        byte[] bytes = new byte[hex.length() / 2];
        for (int word = 0; word < hex.length() / 8; word++) {
            for (int b = 0; b < 4; b++) {
                int at = word * 8 + (3 - b) * 2;
                bytes[word * 4 + b] = (byte) Integer.parseInt(hex.substring(at, at + 2), 16);
            }
        }
        try {
            String text = java.net.InetAddress.getByAddress(bytes).getHostAddress();
            if (bytes.length == 16 && text.startsWith("0:0:0:0:0:ffff:")) {
                return "::ffff:" + java.net.InetAddress.getByAddress(java.util.Arrays.copyOfRange(bytes, 12, 16)).getHostAddress();
            }
            return switch (text) {
                case "0:0:0:0:0:0:0:0" -> "::";
                case "0:0:0:0:0:0:0:1" -> "::1";
                default -> text;
            };
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
