package io.centrasync.camel;

import io.centrasync.run.ConfigException;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;

/**
 * The Centra token travels in a header, so plain http is only allowed to this machine (the
 * simulator, a local proxy) unless {@code centra.allow-insecure-http=true} says otherwise.
 */
final class EndpointPolicy {

    static final String ENDPOINT = "centra.endpoint";

    private EndpointPolicy() {
    }

    static void check(String endpoint, boolean allowInsecureHttp) {
        URI uri = parse(endpoint);
        String scheme = uri.getScheme().toLowerCase(java.util.Locale.ROOT);
        if (scheme.equals("http") && !allowInsecureHttp && !isLoopback(uri.getHost())) {
            throw new ConfigException("setting " + Settings.describe(ENDPOINT) + " " + endpoint
                    + " is plain http to another machine: the token would travel"
                    + " unencrypted. Use https, or set CENTRA_ALLOW_INSECURE_HTTP=true if a trusted proxy encrypts it");
        }
    }

    /** An http(s) URL with a host; anything else (a missing scheme, a typo) is one line saying so. */
    private static URI parse(String endpoint) {
        try {
            URI uri = new URI(endpoint);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
            if ((scheme.equals("https") || scheme.equals("http")) && uri.getHost() != null) {
                return uri;
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        throw Settings.invalid(ENDPOINT, "an http(s) URL such as https://shop.centra.com/graphql", endpoint);
    }

    static boolean isLoopback(String host) {
        String h = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        if (h.equalsIgnoreCase("localhost")) {
            return true;
        }
        // only literal addresses are checked: a name is never resolved here
        if (!h.matches("[0-9.]+") && !h.contains(":")) {
            return false;
        }
        try {
            return InetAddress.getByName(h).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
