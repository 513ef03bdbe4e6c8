package io.guildmark.app.shared;

import java.util.List;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.ModelAndView;

/**
 * What the servlet container shows for an error raised outside a controller (a filter, an unknown address, a request
 * Spring refused): the readable error page, or problem details under {@code /api/} and for clients that want JSON.
 * Asked for directly ({@code GET /error}), it is a page that does not exist, not an error of ours. Only messages our
 * own code put in {@link #MESSAGE} are shown; a container's or exception's message never is.
 */
@Controller
class ErrorPages implements ErrorController {

    /** A request attribute with words for the person, set by our filters before they send an error status. */
    static final String MESSAGE = ErrorPages.class.getName() + ".message";

    private final ProblemWriter problems;

    ErrorPages(ProblemWriter problems) {
        this.problems = problems;
    }

    @RequestMapping("/error")
    Object error(HttpServletRequest request, HttpServletResponse response) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        boolean forwarded = request.getDispatcherType() == DispatcherType.ERROR && code instanceof Integer;
        int status = forwarded ? (Integer) code : 404;
        String message = request.getAttribute(MESSAGE) instanceof String s ? s : null;
        String uri = forwarded && request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI) instanceof String s ? s : request.getRequestURI();
        HttpStatus httpStatus = HttpStatus.resolve(status) != null ? HttpStatus.resolve(status) : HttpStatus.INTERNAL_SERVER_ERROR;
        if (uri.startsWith("/api/") || wantsJson(request)) {
            ProblemDetail detail = problems.detail(httpStatus, code(httpStatus),
                    message != null ? message : defaultMessage(httpStatus), List.of(), request);
            return ResponseEntity.status(httpStatus).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(detail);
        }
        response.setStatus(status);
        ModelAndView view = new ModelAndView("error");
        view.setStatus(httpStatus);
        view.addObject("status", status);
        view.addObject("message", message);
        return view;
    }

    private static boolean wantsJson(HttpServletRequest request) {
        String accept = request.getHeader("Accept");
        return accept != null && accept.contains("json") && !accept.contains("text/html");
    }

    private static String code(HttpStatus status) {
        return status == HttpStatus.INTERNAL_SERVER_ERROR ? "internal-error"
                : status.getReasonPhrase().toLowerCase(java.util.Locale.ROOT).replace(' ', '-');
    }

    private static String defaultMessage(HttpStatus status) {
        return switch (status) {
            case NOT_FOUND -> "There is nothing at this address.";
            case INTERNAL_SERVER_ERROR -> "Something went wrong on our side; nothing was changed. Try again later.";
            default -> status.getReasonPhrase() + ".";
        };
    }
}
