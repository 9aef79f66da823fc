package io.callhook.http.errors;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/**
 * Dropwizard's admin {@code TaskServlet} answers a failing task with the exception's message and stack trace. Tasks'
 * answers are small, so this filter holds each one back until the task is done and replaces a 5xx answer with the
 * usual {@code {"error","message"}} body.
 */
public final class TaskErrorFilter extends HttpFilter {

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        Held held = new Held(response);
        chain.doFilter(request, held);
        held.flushWriter();
        if (held.getStatus() >= 500) {
            response.resetBuffer();
            response.setContentType("application/json");
            PrintWriter writer = response.getWriter();
            JsonErrorHandlers.writeJson(writer, held.getStatus());
            writer.flush();
        } else {
            response.getOutputStream().write(held.bytes.toByteArray());
        }
    }

    private static final class Held extends HttpServletResponseWrapper {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private PrintWriter writer;

        Held(HttpServletResponse response) {
            super(response);
        }

        @Override
        public ServletOutputStream getOutputStream() {
            return new ServletOutputStream() {
                @Override
                public void write(int b) {
                    bytes.write(b);
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setWriteListener(WriteListener listener) {
                    throw new UnsupportedOperationException("task answers are written blocking");
                }
            };
        }

        @Override
        public PrintWriter getWriter() {
            if (writer == null) {
                writer = new PrintWriter(new OutputStreamWriter(bytes, StandardCharsets.UTF_8));
            }
            return writer;
        }

        @Override
        public void flushBuffer() {
            // held until the task is done
        }

        void flushWriter() {
            if (writer != null) {
                writer.flush();
            }
        }
    }
}
