package dev.montazz.security;

import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.header.writers.StaticHeadersWriter;

/**
 * What every Montazz page and answer tells browsers: scripts, styles and media only from the service itself (no
 * inline script or style anywhere, so an injected one would not run), never framed, no referrer to other sites (an
 * invitation link must not leak through it), and camera and microphone only where people record.
 */
public final class BrowserHeaders {

    private BrowserHeaders() {
    }

    /**
     * @param formTargets besides the service itself, where its forms may lead (signing out goes on to auth-service);
     *        {@code null} leaves form targets open, for auth-service, whose sign-in form leads back to every client
     * @param mediaCapture whether this service's pages may use the camera and microphone
     */
    public static HttpSecurity apply(HttpSecurity http, String formTargets, boolean mediaCapture) throws Exception {
        String policy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; "
                + "media-src 'self' blob:; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'self'; "
                + "frame-ancestors 'none'" + (formTargets == null ? "" : "; form-action 'self' " + formTargets);
        String capture = mediaCapture ? "(self)" : "()";
        return http.headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(policy))
                .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.SAME_ORIGIN))
                .frameOptions(frames -> frames.deny())
                .addHeaderWriter(new StaticHeadersWriter("Permissions-Policy", "camera=" + capture + ", microphone="
                        + capture + ", geolocation=(), payment=(), usb=(), display-capture=()")));
    }
}
