package io.ecrhub.app.security;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Set;
import java.util.TreeSet;

/**
 * The application's REST operations, read from its compiled JAX-RS resource classes (every class of
 * {@code io.ecrhub} with {@code @Path}, every method with an HTTP method annotation): {@code "GET
 * /api/v1/terminals/{id}"}. Test classes are left out.
 */
final class ApiRoutes {
  private ApiRoutes() {}

  /** Every operation under {@code /api}. */
  static Set<String> operations() {
    Set<String> out = new TreeSet<>();
    for (String op : all()) {
      if (op.substring(op.indexOf(' ') + 1).startsWith("/api/")) {
        out.add(op);
      }
    }
    return out;
  }

  /** Every REST operation of the application. */
  static Set<String> all() {
    Set<String> out = new TreeSet<>();
    for (JavaClass jc :
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.ecrhub")) {
      if (!jc.isAnnotatedWith(Path.class)) {
        continue;
      }
      Class<?> type = jc.reflect();
      String root = type.getAnnotation(Path.class).value();
      for (Method m : type.getMethods()) {
        if (Modifier.isStatic(m.getModifiers()) || m.getDeclaringClass() == Object.class) {
          continue;
        }
        String verb = httpMethod(m);
        Path sub = m.getAnnotation(Path.class);
        if (verb == null) {
          if (sub != null) {
            throw new AssertionError(
                "sub-resource locator " + m + ": extend ApiRoutes to follow it");
          }
          continue;
        }
        out.add(verb + " " + join(root, sub == null ? "" : sub.value()));
      }
    }
    return out;
  }

  private static String httpMethod(Method m) {
    for (Annotation a : m.getAnnotations()) {
      HttpMethod verb = a.annotationType().getAnnotation(HttpMethod.class);
      if (verb != null) {
        return verb.value();
      }
    }
    return null;
  }

  private static String join(String root, String sub) {
    String path = ("/" + root + "/" + sub).replaceAll("/+", "/");
    return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
  }
}
