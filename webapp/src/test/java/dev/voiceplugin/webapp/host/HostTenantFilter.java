package dev.voiceplugin.webapp.host;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;

/**
 * What a host platform writes to plug its tenants into the plugin's built-in {@code container}
 * tenancy: a filter that tells the plugin which tenant the signed-in user is working in. This
 * test host keeps it simple: the tenant is the part of the user name after "@".
 */
public final class HostTenantFilter implements Filter {
  @Override
  public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain) throws IOException, ServletException {
    HttpServletRequest http = (HttpServletRequest) request;
    if (http.getUserPrincipal() != null) {
      String name = http.getUserPrincipal().getName();
      int at = name.indexOf('@');
      if (at > 0) {
        request.setAttribute("dev.voiceplugin.tenant", name.substring(at + 1));
      }
    }
    chain.doFilter(request, response);
  }
}
