package io.guildmark.app.shared;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * What every page's header needs to know, set as request attributes, which templates read like model attributes.
 *
 * <p>Not {@code @ModelAttribute} methods of a controller advice: those make Spring MVC build a model factory and
 * invoke them reflectively for every handler, the JSON API's hot award path included, which renders no page.
 */
@Configuration(proxyBeanMethods = false)
public class PageModel implements WebMvcConfigurer {

    /**
     * Set by a public page that sends nothing (a badge, the catalog, an issuer): it carries no CSRF token for an
     * anonymous visitor, so a shared link's thousands of views start no sessions.
     */
    public static final String READ_ONLY_PAGE = "readOnlyPage";

    static final String SIGNED_IN = "signedIn";
    static final String LIST_LINKS = "listLinks";

    private static final ListLinks LINKS = new ListLinks();

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new HandlerInterceptor() {
            @Override
            public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
                request.setAttribute(SIGNED_IN, CurrentActor.person().isPresent());
                request.setAttribute(LIST_LINKS, LINKS);
                return true;
            }
        });
    }
}
