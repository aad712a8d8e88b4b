package io.dbaas.orion.web;

import io.dbaas.orion.shared.ProblemTypes;
import java.io.IOException;
import java.io.PrintWriter;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;

/**
 * The servlet container's own refusals (an encoded slash, a header or URL too large, ...) as problem details. Tomcat
 * answers them before any filter or servlet runs, with an HTML page of its own; every other error already has its
 * problem by then and is left alone. What was sent is not repeated.
 */
public final class ProblemErrorReportValve extends ErrorReportValve {

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        HttpStatus known = HttpStatus.resolve(status);
        String title = known == null ? "Error" : known.getReasonPhrase();
        try {
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.setCharacterEncoding("UTF-8");
            PrintWriter writer = response.getReporter();
            if (writer != null) {
                writer.write("{\"type\":\"" + ProblemTypes.forStatus(HttpStatusCode.valueOf(status)) + "\",\"title\":\""
                        + title + "\",\"status\":" + status + ",\"detail\":\"The server refused the request before"
                        + " reading it: its URL or headers are malformed or too large.\"}");
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // The connection is gone or the response was committed meanwhile: nothing more can be said.
        }
    }
}
