package org.facteur.app.clientsetup;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import javax.xml.parsers.DocumentBuilderFactory;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * Reads the client setup answers the way clients do: the XML files with the JDK's DOM parser (each server element as
 * a map of its children's texts), the Apple profile with an independent parser, Python's {@code plistlib}.
 */
public final class ClientConfigDocuments {
    private ClientConfigDocuments() {
    }

    public static Document xml(String text) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    }

    /** Each element of that name (any namespace): its {@code type} attribute as "@type" and its children's texts. */
    public static List<Map<String, String>> elements(Document document, String name) {
        List<Map<String, String>> found = new ArrayList<>();
        NodeList nodes = document.getElementsByTagNameNS("*", name);
        for (int i = 0; i < nodes.getLength(); i++) {
            Element element = (Element) nodes.item(i);
            Map<String, String> fields = new LinkedHashMap<>();
            if (element.hasAttribute("type")) {
                fields.put("@type", element.getAttribute("type"));
            }
            for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
                if (child instanceof Element e) {
                    fields.put(e.getLocalName(), e.getTextContent().strip());
                }
            }
            found.add(fields);
        }
        return found;
    }

    /**
     * The profile as Python's plistlib loads it, printed back as JSON lines: "top KEY VALUE" for the profile's keys and
     * "mail KEY VALUE" for the mail payload's (booleans as True/False, integers as numbers). A malformed plist makes
     * plistlib fail, and this throws with its message.
     */
    public static Map<String, String> plist(byte[] profile) throws Exception {
        Path file = Files.createTempFile("profile", ".mobileconfig");
        Files.write(file, profile);
        String script = String.join("\n",
                "import plistlib, sys",
                "with open(sys.argv[1], 'rb') as f:",
                "    p = plistlib.load(f, fmt=plistlib.FMT_XML)",
                "for k, v in p.items():",
                "    if k != 'PayloadContent': print('top', k, repr(v))",
                "assert len(p['PayloadContent']) == 1",
                "for k, v in p['PayloadContent'][0].items(): print('mail', k, repr(v))");
        String python = Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : "python3";
        Path out = Files.createTempFile("plist", ".out");
        Process p = new ProcessBuilder(python, "-c", script, file.toString()).redirectErrorStream(true)
                .redirectOutput(out.toFile()).start();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("python3 hung");
        }
        String printed = Files.readString(out);
        if (p.exitValue() != 0) {
            throw new IllegalStateException("plistlib refused the profile: " + printed);
        }
        Map<String, String> keys = new LinkedHashMap<>();
        for (String line : printed.split("\n")) {
            String[] parts = line.split(" ", 3);
            if (parts.length == 3) {
                keys.put(parts[0] + " " + parts[1], parts[2]);
            }
        }
        return keys;
    }
}
