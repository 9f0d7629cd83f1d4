package dev.voiceplugin.impl.web;

import dev.voiceplugin.impl.VoicePluginException;
import dev.voiceplugin.impl.tenancy.Tenancy;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import java.util.Set;

/**
 * Nothing reads a request body that is too large or comes from nobody: a write with a body is
 * authenticated first (the body is not touched when it fails), a declared length over the
 * endpoint's limit is refused before reading, and a body without a declared length is cut off at
 * the limit while it streams in. Both refusals are 413 problems.
 */
public final class BodyLimitFilter implements Filter {
  static final int DEFAULT_LIMIT = 16 * 1024;
  private static final long DRAIN_AT_MOST = 1 << 20;
  /** Writes that need no signed-in caller: signing in itself. */
  private static final Set<String> ANONYMOUS_WRITES = Set.of("/demo/sign-in", "/demo/sign-out");
  private static final Set<String> READS = Set.of("GET", "HEAD", "OPTIONS");

  private final Tenancy tenancy;
  private final Map<String, Integer> limits;

  /** @param limits bytes allowed per path below {@code /api/v1} (e.g. {@code /realtime-settings}) */
  public BodyLimitFilter(Tenancy tenancy, Map<String, Integer> limits) {
    this.tenancy = tenancy;
    this.limits = Map.copyOf(limits);
  }

  /** The settings body allows the longest instructions, even if every character were a JSON \\u escape. */
  public static int settingsLimit(int instructionsMaxChars) {
    return instructionsMaxChars * 6 + 64 * 1024;
  }

  @Override
  public void doFilter(ServletRequest req, ServletResponse resp, FilterChain chain) throws IOException, ServletException {
    HttpServletRequest request = (HttpServletRequest) req;
    HttpServletResponse response = (HttpServletResponse) resp;
    if (READS.contains(request.getMethod()) || !hasBody(request)) {
      chain.doFilter(req, resp);
      return;
    }
    String path = request.getPathInfo() == null ? "" : request.getPathInfo();
    int limit = limits.getOrDefault(path, DEFAULT_LIMIT);
    try {
      if (!ANONYMOUS_WRITES.contains(path)) {
        tenancy.requireCaller(request);
      }
      if (request.getContentLengthLong() > limit) {
        throw tooLarge(limit);
      }
    } catch (RuntimeException e) {
      // A small declared body is left for the container to drain, so the client reads the refusal
      // on a healthy connection; a large or unknown one is not worth reading: close instead.
      long length = request.getContentLengthLong();
      if (length < 0 || length > DRAIN_AT_MOST) {
        response.setHeader("Connection", "close");
      }
      ProblemWriter.write(response, e);
      return;
    }
    chain.doFilter(new Bounded(request, response, limit), resp);
  }

  private static boolean hasBody(HttpServletRequest request) {
    return request.getContentLengthLong() > 0 || request.getHeader("Transfer-Encoding") != null;
  }

  static VoicePluginException tooLarge(int limit) {
    return new VoicePluginException(413, "body_too_large", "The request body is larger than this endpoint accepts ("
        + limit / 1024 + " KiB).", "Send a smaller body; the settings' instructions have their own length limit.");
  }

  /** The request whose stream refuses to go past the limit. */
  private static final class Bounded extends HttpServletRequestWrapper {
    private final HttpServletResponse response;
    private final int limit;
    private ServletInputStream stream;

    Bounded(HttpServletRequest request, HttpServletResponse response, int limit) {
      super(request);
      this.response = response;
      this.limit = limit;
    }

    @Override
    public ServletInputStream getInputStream() throws IOException {
      if (stream == null) {
        stream = new Counting(super.getInputStream(), response, limit);
      }
      return stream;
    }

    @Override
    public java.io.BufferedReader getReader() throws IOException {
      String charset = getCharacterEncoding() == null ? "UTF-8" : getCharacterEncoding();
      return new java.io.BufferedReader(new java.io.InputStreamReader(getInputStream(), charset));
    }
  }

  private static final class Counting extends ServletInputStream {
    private final ServletInputStream in;
    private final HttpServletResponse response;
    private final int limit;
    private long read;

    Counting(ServletInputStream in, HttpServletResponse response, int limit) {
      this.in = in;
      this.response = response;
      this.limit = limit;
    }

    @Override
    public int read() throws IOException {
      int b = in.read();
      if (b >= 0) {
        count(1);
      }
      return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      int n = in.read(buffer, offset, length);
      if (n > 0) {
        count(n);
      }
      return n;
    }

    private void count(int n) {
      read += n;
      if (read > limit) {
        if (!response.isCommitted()) {
          response.setHeader("Connection", "close"); // do not drain the rest to reuse the connection
        }
        throw tooLarge(limit);
      }
    }

    @Override
    public boolean isFinished() {
      return in.isFinished();
    }

    @Override
    public boolean isReady() {
      return in.isReady();
    }

    @Override
    public void setReadListener(ReadListener listener) {
      in.setReadListener(listener);
    }
  }
}
