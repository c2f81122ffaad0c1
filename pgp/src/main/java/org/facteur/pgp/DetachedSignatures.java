package org.facteur.pgp;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureList;
import org.bouncycastle.openpgp.api.OpenPGPDetachedSignatureGenerator;
import org.bouncycastle.openpgp.api.OpenPGPDetachedSignatureProcessor;
import org.bouncycastle.openpgp.api.OpenPGPSignature.OpenPGPDocumentSignature;
import org.bouncycastle.openpgp.api.SignatureParameters;
import org.bouncycastle.openpgp.bc.BcPGPObjectFactory;

/** Detached signatures: binary (PGP/MIME, over CRLF-canonical bytes) or text mode (SOP --as=text). */
final class DetachedSignatures {
  private DetachedSignatures() {}

  static byte[] sign(byte[] data, Collection<UnlockedKey> signers, boolean textMode, boolean armor) {
    try {
      OpenPGPDetachedSignatureGenerator generator = Bc.API.createDetachedSignature();
      for (UnlockedKey signer : signers) {
        generator.addSigningKey(signer.bc(), parameters(textMode));
      }
      List<OpenPGPDocumentSignature> signatures = generator.sign(new ByteArrayInputStream(data));
      java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
      try (java.io.OutputStream target = armor ? Bc.armor().build(out) : out) {
        for (OpenPGPDocumentSignature signature : signatures) {
          target.write(signature.getSignature().getEncoded());
        }
      }
      return out.toByteArray();
    } catch (Exception e) {
      throw new PgpException("cannot sign: " + e.getMessage(), e);
    }
  }

  static SignatureStatus verify(byte[] data, byte[] signature, Collection<Certificate> certificates) {
    List<PGPSignature> parsed;
    try {
      parsed = parse(signature);
    } catch (Exception e) {
      return new SignatureStatus.BadSignature("unreadable signature: " + e.getMessage());
    }
    if (parsed.isEmpty()) {
      return new SignatureStatus.Unsigned();
    }
    try {
      OpenPGPDetachedSignatureProcessor processor = Bc.API.verifyDetachedSignature();
      parsed.forEach(processor::addSignature);
      certificates.forEach(c -> processor.addVerificationCertificate(c.bc()));
      processor.setExceptionCallback(e -> {});
      List<OpenPGPDocumentSignature> checked = processor.process(new ByteArrayInputStream(data));
      Set<String> unknown = new LinkedHashSet<>();
      for (PGPSignature sig : parsed) {
        boolean known = checked.stream().anyMatch(c -> c.getSignature() == sig || c.getKeyIdentifier().equals(issuerOf(sig)));
        if (!known) {
          unknown.add(String.valueOf(issuerOf(sig)));
        }
      }
      return SignatureChecks.classify(checked, unknown);
    } catch (Exception e) {
      return new SignatureStatus.BadSignature(e.getClass().getSimpleName() + ": " + e.getMessage());
    }
  }

  private static Object issuerOf(PGPSignature sig) {
    var ids = sig.getKeyIdentifiers();
    return ids.isEmpty() ? "?" : org.bouncycastle.openpgp.api.OpenPGPSignature.getMostExpressiveIdentifier(ids);
  }

  private static List<PGPSignature> parse(byte[] signature) throws Exception {
    List<PGPSignature> result = new ArrayList<>();
    try (InputStream in = Bc.decoded(signature)) {
      BcPGPObjectFactory factory = new BcPGPObjectFactory(in);
      Object next;
      while ((next = factory.nextObject()) != null) {
        if (next instanceof PGPSignatureList list) {
          list.forEach(result::add);
        } else {
          throw new PgpException("not a detached signature: found " + next.getClass().getSimpleName());
        }
      }
    }
    return result;
  }

  private static SignatureParameters.Callback parameters(boolean textMode) {
    return new SignatureParameters.Callback() {
      @Override
      public SignatureParameters apply(SignatureParameters p) {
        p.setSignatureHashAlgorithm(Bc.HASH);
        return textMode ? p.setSignatureType(PGPSignature.CANONICAL_TEXT_DOCUMENT) : p;
      }
    };
  }
}
