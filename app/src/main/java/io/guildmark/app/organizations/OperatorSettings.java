package io.guildmark.app.organizations;

import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Who operates the platform in the web pages, bound from {@code guildmark.operators}: the e-mail addresses of
 * accounts that may vet organizations at {@code /admin/organizations}. Accounts with the {@code platform_admin} flag
 * are operators too; the API knows the operator by the admin token. See docs/configuration.md.
 */
@ConfigurationProperties("guildmark")
record OperatorSettings(@Nullable List<String> operators) {

    OperatorSettings {
        operators = operators == null ? List.of()
                : operators.stream().map(e -> e.strip().toLowerCase(Locale.ROOT)).filter(e -> !e.isEmpty()).toList();
    }

    boolean isOperator(String email) {
        return operators.contains(email.strip().toLowerCase(Locale.ROOT));
    }
}
