package io.ecrhub.app.api;

import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;

/** OpenAPI description of the hub's API: JSON over HTTP, bearer API keys, problem documents. */
@OpenAPIDefinition(
    info =
        @Info(
            title = "ECR Hub API",
            version = "1",
            description =
                "Drive QFPay payment terminals from a cashier app. Every /api call carries"
                    + " 'Authorization: Bearer <api-key>'. Errors are RFC 9457 problem documents"
                    + " (application/problem+json) with a stable 'code'."))
@SecurityScheme(
    securitySchemeName = "bearer",
    type = SecuritySchemeType.HTTP,
    scheme = "bearer",
    description = "An API key created by an admin (or the bootstrap admin key)")
public class ApiDefinition extends Application {}
