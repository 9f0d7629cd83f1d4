package dev.voiceplugin.impl.tenancy.jwt;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The few parts of a servlet request the jwt tenancy reads (headers, cookies, attributes), counting
 * how often the token is read. Anything else fails loudly, so the tenancy cannot rely on it unseen.
 */
final class FakeRequest {
  final Map<String, String> headers = new HashMap<>();
  final Map<String, Object> attributes = new HashMap<>();
  final AtomicInteger tokenReads = new AtomicInteger();

  static FakeRequest bearer(String token) {
    FakeRequest r = new FakeRequest();
    r.headers.put("Authorization", "Bearer " + token);
    return r;
  }

  HttpServletRequest request() {
    return (HttpServletRequest) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {HttpServletRequest.class},
        (proxy, method, args) -> switch (method.getName()) {
          case "getHeader" -> {
            if ("Authorization".equalsIgnoreCase((String) args[0])) {
              tokenReads.incrementAndGet();
            }
            yield headers.get((String) args[0]);
          }
          case "getCookies" -> new Cookie[0];
          case "getAttribute" -> attributes.get((String) args[0]);
          case "setAttribute" -> attributes.put((String) args[0], args[1]);
          case "toString" -> "FakeRequest";
          default -> throw new UnsupportedOperationException(method.getName());
        });
  }
}
