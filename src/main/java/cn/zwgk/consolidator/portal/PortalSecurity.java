package cn.zwgk.consolidator.portal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.Authentication;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * Sign-in and who may see what: everything but the sign-in page needs a signed-in user; the JSON
 * API takes HTTP Basic with the same accounts and answers in JSON; pages use a form and a session,
 * with CSRF tokens on every form. Five failed sign-ins in a row lock an account for 15 minutes.
 * Which unit's data a user may reach is decided by {@link Access}.
 */
@Configuration
@EnableWebSecurity
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class PortalSecurity {

    private final AccountStore accounts;
    private final AuditTrail audit;

    public PortalSecurity(AccountStore accounts, AuditTrail audit) {
        this.accounts = accounts;
        this.audit = audit;
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return Passwords.encoder();
    }

    @Bean
    PortalUsers portalUsers() {
        return new PortalUsers(accounts);
    }

    @Bean
    @Order(1)
    SecurityFilterChain api(HttpSecurity http) throws Exception {
        http.securityMatcher("/api/**")
                .authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
                .httpBasic(basic -> basic.realmName("consolidator").authenticationEntryPoint((request, response, e) -> {
                    if (DatabaseGone.causedByDatabase(e)) {
                        // the accounts could not be read: not the user's mistake
                        DatabaseGone.answer(request, response);
                        return;
                    }
                    response.setHeader("WWW-Authenticate", "Basic realm=\"consolidator\", charset=\"UTF-8\"");
                    json(response, 401, "需要登录：请用本单位的登录名和密码 (HTTP Basic) (sign-in required)");
                }))
                .exceptionHandling(handling -> handling.accessDeniedHandler((request, response, e) ->
                        json(response, 403, PortalException.forbidden().getMessage())))
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                // no cookie carries the API's credentials, so no forged request can use them
                .csrf(csrf -> csrf.disable());
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain pages(HttpSecurity http) throws Exception {
        http.authorizeHttpRequests(requests -> requests.requestMatchers("/login", "/error").permitAll()
                        .anyRequest().authenticated())
                .formLogin(form -> form.loginPage("/login").defaultSuccessUrl("/", true).permitAll())
                .logout(logout -> logout.logoutSuccessUrl("/login?logout"))
                .headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(
                        "default-src 'self'; style-src 'self' 'unsafe-inline'; script-src 'self' 'unsafe-inline';"
                                + " frame-ancestors 'none'")));
        return http.build();
    }

    /** Before Spring Session's filter (which comes at {@code Integer.MIN_VALUE + 50}), the first to need the database. */
    @Bean
    org.springframework.boot.web.servlet.FilterRegistrationBean<DatabaseGone> databaseGone() {
        var registration = new org.springframework.boot.web.servlet.FilterRegistrationBean<>(new DatabaseGone());
        registration.setOrder(Integer.MIN_VALUE);
        registration.setDispatcherTypes(jakarta.servlet.DispatcherType.REQUEST, jakarta.servlet.DispatcherType.ERROR,
                jakarta.servlet.DispatcherType.ASYNC);
        return registration;
    }

    @EventListener
    public void signedIn(AuthenticationSuccessEvent event) {
        Authentication authentication = event.getAuthentication();
        accounts.succeeded(authentication.getName());
        String address = authentication.getDetails() instanceof WebAuthenticationDetails details
                ? details.getRemoteAddress() : null;
        audit.record(authentication.getName(), address, "sign-in", null, null, null);
    }

    @EventListener
    public void failedSignIn(AbstractAuthenticationFailureEvent event) {
        String user = String.valueOf(event.getAuthentication().getName());
        accounts.failed(user);
        String address = event.getAuthentication().getDetails() instanceof WebAuthenticationDetails details
                ? details.getRemoteAddress() : null;
        audit.record(user, address, "sign-in-failed", null, null, event.getException().getClass().getSimpleName());
    }

    static void json(HttpServletResponse response, int status, String message) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json;charset=UTF-8");
        response.getOutputStream().write(("{\"error\":" + Json.quote(message) + "}").getBytes(StandardCharsets.UTF_8));
    }
}
