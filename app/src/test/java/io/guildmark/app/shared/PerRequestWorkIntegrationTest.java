package io.guildmark.app.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.guildmark.app.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.context.support.ServletRequestHandledEvent;
import org.springframework.web.filter.ServerHttpObservationFilter;

/** Work that every request used to pay for and nothing read: an HTTP observation and a "request handled" event. */
class PerRequestWorkIntegrationTest extends IntegrationTest {

    @Autowired
    ConfigurableApplicationContext context;

    @Test
    void noRequestRunsThroughAnHttpObservation() {
        assertThat(context.getBeansOfType(FilterRegistrationBean.class).values())
                .noneMatch(registration -> registration.getFilter() instanceof ServerHttpObservationFilter);
        assertThat(context.getBeansOfType(ServerHttpObservationFilter.class)).isEmpty();
    }

    @Test
    void noEventIsPublishedForEachRequest() throws InterruptedException {
        List<ApplicationEvent> handled = new CopyOnWriteArrayList<>();
        ApplicationListener<ApplicationEvent> listener = event -> {
            if (event instanceof ServletRequestHandledEvent) handled.add(event);
        };
        context.addApplicationListener(listener);
        try {
            assertThat(admin().get("/api/v1/catalog").status()).isEqualTo(200);
            assertThat(api().get("/catalog", "text/html").status()).isEqualTo(200);
            Thread.sleep(300); // the event would follow the answer, once the request's thread is done with it
        } finally {
            context.removeApplicationListener(listener);
        }
        assertThat(handled).isEmpty();
    }
}
