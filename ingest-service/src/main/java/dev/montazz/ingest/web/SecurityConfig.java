package dev.montazz.ingest.web;

import dev.montazz.security.web.ClientServiceSecurity;
import org.springframework.context.annotation.Configuration;

/** An API on bearer tokens and pages on a signed-in session, as every service with pages has them. */
@Configuration(proxyBeanMethods = false)
class SecurityConfig extends ClientServiceSecurity {
}
