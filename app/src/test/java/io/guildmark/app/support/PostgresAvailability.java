package io.guildmark.app.support;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * In the PostgreSQL run, skips (with a visible reason) when no server answers, except in CI, where a missing
 * server is a failure: CI must test on PostgreSQL.
 */
public class PostgresAvailability implements ExecutionCondition {

    private static Boolean reachable;

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if (!TestDatabase.postgresRequested()) return ConditionEvaluationResult.enabled("running on embedded H2");
        if (reachable == null) reachable = TestDatabase.postgresReachable();
        if (reachable) return ConditionEvaluationResult.enabled("PostgreSQL answers at " + TestDatabase.POSTGRES_ADMIN_URL);
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new IllegalStateException("CI must run the suite on PostgreSQL, but none answers at " + TestDatabase.POSTGRES_ADMIN_URL);
        }
        String reason = "SKIPPED: no PostgreSQL server answers at " + TestDatabase.POSTGRES_ADMIN_URL + "; the PostgreSQL run is skipped";
        System.err.println(reason);
        return ConditionEvaluationResult.disabled(reason);
    }
}
