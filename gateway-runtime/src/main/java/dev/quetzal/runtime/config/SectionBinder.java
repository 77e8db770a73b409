package dev.quetzal.runtime.config;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;

/** Binds one section of one config file to a record, reporting failures against that file. */
final class SectionBinder {
    private final ObjectMapper mapper;
    private final FieldCheck fieldCheck;
    private final BindingErrors errors;
    private final Path file;
    private final Path folder;

    SectionBinder(ObjectMapper mapper, FieldCheck fieldCheck, BindingErrors errors, Path file) {
        this.mapper = mapper;
        this.fieldCheck = fieldCheck;
        this.errors = errors;
        this.file = file;
        this.folder = ConfigFolder.of(file);
    }

    /**
     * @param loader made the thread's context class loader while binding, since the record may come
     *     from a plugin's loader; null to leave it as it is
     * @param sectionFields fields the section takes besides those of {@code type}, for messages
     */
    <T> T bind(JsonNode section, Class<T> type, String path, ClassLoader loader, Set<String> sectionFields)
            throws ConfigException {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        if (loader != null) {
            thread.setContextClassLoader(loader);
        }
        try {
            JavaType javaType = mapper.constructType(type);
            Optional<Problem> early = fieldCheck.firstProblem(section, javaType, path, sectionFields);
            if (early.isPresent()) {
                throw problem(early.get());
            }
            return mapper.readerFor(javaType).withAttribute(ConfigMapper.BASE_DIR, folder).readValue(section);
        } catch (JsonMappingException e) {
            throw problem(errors.translate(e, section, path, sectionFields));
        } catch (IOException e) {
            // Reading a tree already in memory does no I/O; this is a parser-level surprise.
            throw new ConfigException(file, path, "cannot bind: " + IoErrors.describe(e));
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    /** The config file as the user named it. */
    Path file() {
        return file;
    }

    ConfigException problem(Problem problem) {
        return new ConfigException(file, problem.jsonPath(), problem.text());
    }
}
