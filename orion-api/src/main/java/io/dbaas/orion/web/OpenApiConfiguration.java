package io.dbaas.orion.web;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import io.swagger.v3.core.jackson.ModelResolver;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.access.prepost.PreAuthorize;

/**
 * The OpenAPI document ({@code /v3/api-docs}) and Swagger UI ({@code /swagger-ui.html}). Both are public: they
 * describe the API, which the repository documents anyway, and hold no account data; Swagger UI must load before a
 * token can be pasted into it. Each operation states the role it needs, read from its {@code @PreAuthorize}, so the
 * document cannot drift from what is enforced.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    static final String BEARER = "managementToken";

    private static final Pattern ROLE = Pattern.compile("hasRole\\('([A-Z]+)'\\)");

    @Bean
    OpenAPI orionOpenApi() {
        return new OpenAPI()
                .info(new Info()
                        .title("Orion")
                        .version("v1")
                        .description("The public REST API of the DBaaS control plane: accounts and management"
                                + " credentials, the catalog, cluster claims and status, API keys. JSON in snake_case;"
                                + " every error is application/problem+json with a stable type"
                                + " (urn:dbaas:problem:*).")
                        .license(new License().name("Apache-2.0")))
                .components(new Components()
                        .addSecuritySchemes(
                                BEARER,
                                new SecurityScheme()
                                        .type(SecurityScheme.Type.HTTP)
                                        .scheme("bearer")
                                        .bearerFormat("dbm_<credential id>_<secret>")
                                        .description("A management token of an account credential (role viewer, admin"
                                                + " or operator); shown once when the credential is created.")))
                .addSecurityItem(new SecurityRequirement().addList(BEARER));
    }

    /**
     * Schemas named as they travel: the API speaks snake_case. swagger-core inspects models with its own (Jackson 2)
     * mapper, which does not see Orion's Jackson settings, so the naming strategy is repeated here.
     */
    @Bean
    ModelResolver snakeCaseModels() {
        return new ModelResolver(Json.mapper().copy().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE));
    }

    /** Adds who may call and the 401, 403, 413 and 429 answers to every operation. */
    @Bean
    OperationCustomizer whoMayCall() {
        return (operation, handler) -> {
            PreAuthorize rule = handler.getMethodAnnotation(PreAuthorize.class);
            if (rule != null) {
                Matcher role = ROLE.matcher(rule.value());
                String who = role.matches()
                        ? "Who may call: role " + role.group(1).toLowerCase(Locale.ROOT)
                                + " or a role that includes it (viewer < admin < operator)."
                        : "Who may call: " + rule.value();
                operation.setDescription(
                        operation.getDescription() == null ? who : operation.getDescription() + "\n\n" + who);
            }
            operation
                    .getResponses()
                    .addApiResponse("401", problem("No valid management token (urn:dbaas:problem:unauthenticated)."))
                    .addApiResponse(
                            "403",
                            problem("The credential's role does not allow this" + " (urn:dbaas:problem:forbidden)."))
                    .addApiResponse(
                            "413",
                            problem("The body is larger than the most Orion reads, 64 KiB by default"
                                    + " (urn:dbaas:problem:payload-too-large)."))
                    .addApiResponse(
                            "429",
                            problem("The client address had too many failed authentications; retry after the"
                                    + " seconds in Retry-After (urn:dbaas:problem:too-many-failed-authentications)."));
            return operation;
        };
    }

    private static ApiResponse problem(String description) {
        return new ApiResponse()
                .description(description)
                .content(new Content().addMediaType("application/problem+json", new MediaType()));
    }
}
