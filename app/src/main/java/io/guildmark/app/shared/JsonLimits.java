package io.guildmark.app.shared;

import java.util.List;

import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Scope;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * The limits every JSON parser of the application reads under: request bodies (Spring MVC's mapper) and the JSON the
 * application keeps (designs, definitions, rule trees). Deep nesting is refused by the parser's own depth count, long
 * numbers by their length, before anything recurses or computes; exponents are checked where numbers become values
 * ({@link Decimals}). See docs/security/input-bounds.md.
 */
@Configuration(proxyBeanMethods = false)
public class JsonLimits {

    /** Nesting of arrays and objects: real credentials are about a dozen levels deep, designs fewer. */
    public static final int MAX_NESTING_DEPTH = 64;
    /** Characters of one number, exponent included. */
    public static final int MAX_NUMBER_LENGTH = 100;
    /** Characters of one string: a credential's image as a data URL fits. */
    public static final int MAX_STRING_LENGTH = 10 * 1024 * 1024;
    /** Characters of one property name. */
    public static final int MAX_NAME_LENGTH = 1_000;
    /** Bytes of one document: the largest input (a credential to verify) is 10 MB. */
    public static final long MAX_DOCUMENT_LENGTH = 11L * 1024 * 1024;

    public static final StreamReadConstraints READ = StreamReadConstraints.builder()
            .maxNestingDepth(MAX_NESTING_DEPTH)
            .maxNumberLength(MAX_NUMBER_LENGTH)
            .maxStringLength(MAX_STRING_LENGTH)
            .maxNameLength(MAX_NAME_LENGTH)
            .maxDocumentLength(MAX_DOCUMENT_LENGTH)
            .build();

    /** A mapper builder whose parsers read under {@link #READ}. */
    public static JsonMapper.Builder builder() {
        return JsonMapper.builder(JsonFactory.builder().streamReadConstraints(READ).build());
    }

    /**
     * Spring Boot's mapper builder (used for request and response bodies), on a factory with the limits: a customizer
     * cannot swap the stream factory, so the builder is made here and Boot's customizers (spring.jackson.*, problem
     * details) are applied to it as Boot would.
     */
    @Bean
    @Scope(ConfigurableBeanFactory.SCOPE_PROTOTYPE)
    JsonMapper.Builder limitedJsonMapperBuilder(List<JsonMapperBuilderCustomizer> customizers) {
        JsonMapper.Builder builder = builder();
        customizers.forEach(customizer -> customizer.customize(builder));
        return builder;
    }
}
