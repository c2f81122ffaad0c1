package org.facteur.pgp;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** No public type of the pgp module may expose Bouncy Castle: other modules must not need it. */
class ApiBoundaryTest {

  @Test
  void publicSignaturesMentionNoBouncyCastleType() throws Exception {
    List<String> leaks = new ArrayList<>();
    List<Class<?>> publicTypes = publicTypes();
    assertThat(publicTypes).extracting(Class::getSimpleName).contains("OpenPgp", "PgpMime", "SopCli", "FileUserKeyStore");
    for (Class<?> type : publicTypes) {
      check(type.getName() + " superclass", String.valueOf(type.getGenericSuperclass()), leaks);
      for (var iface : type.getGenericInterfaces()) {
        check(type.getName() + " implements", iface.getTypeName(), leaks);
      }
      for (Method method : type.getDeclaredMethods()) {
        if (exposed(method.getModifiers()) && !method.isSynthetic()) {
          check(type.getName() + "." + method.getName(), signature(method) + method.getGenericReturnType().getTypeName(), leaks);
        }
      }
      for (var constructor : type.getDeclaredConstructors()) {
        if (exposed(constructor.getModifiers())) {
          check(type.getName() + ".<init>", signature(constructor), leaks);
        }
      }
      for (Field field : type.getDeclaredFields()) {
        if (exposed(field.getModifiers())) {
          check(type.getName() + "." + field.getName(), field.getGenericType().getTypeName(), leaks);
        }
      }
      if (type.isRecord()) {
        for (RecordComponent component : type.getRecordComponents()) {
          check(type.getName() + "." + component.getName(), component.getGenericType().getTypeName(), leaks);
        }
      }
    }
    assertThat(leaks).isEmpty();
  }

  private static boolean exposed(int modifiers) {
    return Modifier.isPublic(modifiers) || Modifier.isProtected(modifiers);
  }

  private static String signature(Executable executable) {
    StringBuilder types = new StringBuilder();
    for (var parameter : executable.getGenericParameterTypes()) {
      types.append(parameter.getTypeName()).append(' ');
    }
    for (var exception : executable.getGenericExceptionTypes()) {
      types.append(exception.getTypeName()).append(' ');
    }
    return types.toString();
  }

  private static void check(String where, String types, List<String> leaks) {
    if (types.contains("org.bouncycastle")) {
      leaks.add(where + ": " + types);
    }
  }

  private static List<Class<?>> publicTypes() throws Exception {
    Path classes = Path.of(OpenPgp.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    List<Class<?>> types = new ArrayList<>();
    try (Stream<Path> files = Files.walk(classes)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
        String name = classes.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
        Class<?> type = Class.forName(name, false, ApiBoundaryTest.class.getClassLoader());
        if (Modifier.isPublic(type.getModifiers()) && !type.isAnonymousClass()) {
          types.add(type);
        }
      }
    }
    return types;
  }
}
