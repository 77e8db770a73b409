package dev.quetzal.runtime.testing;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.quetzal.api.ApiVersion;
import dev.quetzal.api.GatewayPlugin;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Collectors;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileManager;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.StandardLocation;
import javax.tools.ToolProvider;
import org.slf4j.Logger;

/**
 * Builds real plugin jars at test time: compiles Java source strings in memory against the SPI (and
 * slf4j and Jackson annotations, which plugins get from the runtime) and writes a jar with a manifest
 * and {@code META-INF/services} files, so loader tests exercise the same path as a deployed plugin.
 *
 * <pre>{@code
 * Path jar = TestPluginJars.builder()
 *         .source("com.example.EchoPlugin", "package com.example; ...")
 *         .service(GatewayPlugin.class, "com.example.EchoPlugin")
 *         .write(pluginsDir.resolve("echo/echo.jar"));
 * }</pre>
 */
public final class TestPluginJars {
    private TestPluginJars() {}

    public static Builder builder() {
        return new Builder();
    }

    /** The jar or class folder {@code type} was loaded from. */
    public static Path codeSource(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot locate " + type.getName(), e);
        }
    }

    /** What a plugin compiles against: the SPI, slf4j-api and jackson-annotations. */
    public static List<Path> apiClassPath() {
        return List.of(codeSource(GatewayPlugin.class), codeSource(Logger.class), codeSource(JsonProperty.class));
    }

    /**
     * Compiles {@code sources} (binary class name to source text) against {@link #apiClassPath()} plus
     * {@code extraClassPath}, returning class files by binary name.
     *
     * @throws IllegalStateException with the compiler's messages when the code does not compile
     */
    public static Map<String, byte[]> compile(Map<String, String> sources, List<Path> extraClassPath) {
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        if (compiler == null) {
            throw new IllegalStateException("no Java compiler in this runtime; run the tests on a JDK");
        }
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        Map<String, ByteArrayOutputStream> output = new TreeMap<>();
        try (StandardJavaFileManager standard =
                compiler.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8)) {
            List<Path> classPath = new ArrayList<>(apiClassPath());
            classPath.addAll(extraClassPath);
            standard.setLocationFromPaths(StandardLocation.CLASS_PATH, classPath);
            JavaFileManager inMemory = new ForwardingJavaFileManager<>(standard) {
                @Override
                public JavaFileObject getJavaFileForOutput(
                        Location location, String className, JavaFileObject.Kind kind, FileObject sibling) {
                    return new SimpleJavaFileObject(URI.create("mem:///" + className.replace('.', '/') + kind.extension), kind) {
                        @Override
                        public OutputStream openOutputStream() {
                            return output.computeIfAbsent(className, name -> new ByteArrayOutputStream());
                        }
                    };
                }
            };
            List<JavaFileObject> units = sources.entrySet().stream()
                    .map(source -> (JavaFileObject) new SourceString(source.getKey(), source.getValue()))
                    .toList();
            List<String> options = List.of("--release", Integer.toString(Runtime.version().feature()), "-proc:none", "-nowarn");
            if (!compiler.getTask(null, inMemory, diagnostics, options, null, units).call()) {
                throw new IllegalStateException("test plugin sources do not compile:\n" + diagnostics.getDiagnostics().stream()
                        .filter(d -> d.getKind() == Diagnostic.Kind.ERROR)
                        .map(d -> d.getSource().getName() + ":" + d.getLineNumber() + ": " + d.getMessage(Locale.ROOT))
                        .collect(Collectors.joining("\n")));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, byte[]> classes = new TreeMap<>();
        output.forEach((name, bytes) -> classes.put(name, bytes.toByteArray()));
        return classes;
    }

    /** Collects sources, services and manifest settings for one jar. */
    public static final class Builder {
        private final Map<String, String> sources = new LinkedHashMap<>();
        private final List<Path> classPath = new ArrayList<>();
        private final Map<String, List<String>> services = new LinkedHashMap<>();
        private final Map<String, byte[]> resources = new LinkedHashMap<>();
        private String apiVersion = ApiVersion.CURRENT.toString();

        private Builder() {}

        /** A class to compile; {@code className} is its binary name, e.g. {@code com.example.Foo}. */
        public Builder source(String className, String code) {
            sources.put(className, code);
            return this;
        }

        /** Jars or class folders the sources compile against besides the SPI (not packed into the jar). */
        public Builder classPath(Path... entries) {
            classPath.addAll(Arrays.asList(entries));
            return this;
        }

        /** The manifest's {@code Quetzal-Api-Version}; null leaves it out, as in a library jar. Default: the current API. */
        public Builder apiVersion(String version) {
            this.apiVersion = version;
            return this;
        }

        /** Lists providers in {@code META-INF/services/<service>}. */
        public Builder service(Class<?> service, String... providers) {
            return service(service.getName(), providers);
        }

        /** Lists providers in {@code META-INF/services/<serviceName>}; no providers writes an empty file. */
        public Builder service(String serviceName, String... providers) {
            services.computeIfAbsent(serviceName, name -> new ArrayList<>()).addAll(Arrays.asList(providers));
            return this;
        }

        /** Any other file, such as a properties file read by the plugin. */
        public Builder resource(String name, byte[] content) {
            resources.put(name, content.clone());
            return this;
        }

        /** Compiles and writes the jar, creating parent folders; returns {@code jar}. */
        public Path write(Path jar) throws IOException {
            Map<String, byte[]> classes = compile(sources, classPath);
            Manifest manifest = new Manifest();
            manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
            if (apiVersion != null) {
                manifest.getMainAttributes().putValue(ApiVersion.MANIFEST_ATTRIBUTE, apiVersion);
            }
            Path parent = jar.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest)) {
                for (Map.Entry<String, byte[]> type : classes.entrySet()) {
                    put(out, type.getKey().replace('.', '/') + ".class", type.getValue());
                }
                for (Map.Entry<String, List<String>> service : services.entrySet()) {
                    String lines = service.getValue().stream().map(p -> p + "\n").collect(Collectors.joining());
                    put(out, "META-INF/services/" + service.getKey(), lines.getBytes(StandardCharsets.UTF_8));
                }
                for (Map.Entry<String, byte[]> resource : resources.entrySet()) {
                    put(out, resource.getKey(), resource.getValue());
                }
            }
            return jar;
        }

        private static void put(JarOutputStream out, String name, byte[] content) throws IOException {
            out.putNextEntry(new JarEntry(name));
            out.write(content);
            out.closeEntry();
        }
    }

    /** A compilation unit held in a string. */
    private static final class SourceString extends SimpleJavaFileObject {
        private final String code;

        SourceString(String className, String code) {
            super(URI.create("string:///" + className.replace('.', '/') + Kind.SOURCE.extension), Kind.SOURCE);
            this.code = code;
        }

        @Override
        public CharSequence getCharContent(boolean ignoreEncodingErrors) {
            return code;
        }
    }
}
