package org.facteur.mailserver.dns;

import java.util.ArrayList;
import java.util.List;

import org.xbill.DNS.Lookup;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/** {@link TxtLookup} on dnsjava, asking the {@link DnsServers} of this server (through dnsjava's default cache, which keeps answers for their TTL). */
public final class DnsjavaTxtLookup implements TxtLookup {
    private final DnsServers servers;
    private volatile org.xbill.DNS.Resolver resolver;

    public DnsjavaTxtLookup(DnsServers servers) {
        this.servers = servers;
    }

    @Override
    public Answer txt(String name) {
        Lookup lookup;
        try {
            lookup = new Lookup(Name.fromString(name.endsWith(".") ? name : name + "."), Type.TXT);
        } catch (TextParseException e) {
            return new NotFound();
        }
        lookup.setResolver(resolver());
        Record[] records = lookup.run();
        switch (lookup.getResult()) {
            case Lookup.SUCCESSFUL:
                List<String> texts = new ArrayList<>();
                for (Record r : records) {
                    if (r instanceof TXTRecord txt) {
                        StringBuilder text = new StringBuilder();
                        for (byte[] string : txt.getStringsAsByteArrays()) {
                            text.append(new String(string, java.nio.charset.StandardCharsets.ISO_8859_1));
                        }
                        texts.add(text.toString());
                    }
                }
                return new Found(texts);
            case Lookup.HOST_NOT_FOUND:
            case Lookup.TYPE_NOT_FOUND:
                return new NotFound();
            default:
                return new TemporaryFailure(lookup.getErrorString());
        }
    }

    private org.xbill.DNS.Resolver resolver() {
        if (resolver == null) {
            resolver = servers.resolver();
        }
        return resolver;
    }
}
