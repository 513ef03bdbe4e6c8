package io.guildmark.app.shared;

import org.springframework.security.config.annotation.web.builders.HttpSecurity;

/**
 * A module's additions to the pages' security filter chain (for example accounts' passkeys and second sign-in step),
 * applied before the chain's own rules, so a module can add its endpoints without the shared configuration knowing them.
 */
public interface PageSecurity {

    void configure(HttpSecurity http) throws Exception;
}
