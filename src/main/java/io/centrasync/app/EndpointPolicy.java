package io.centrasync.app;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;

/**
 * The Centra token travels in a header, so plain http is only allowed to this machine (the
 * simulator, a local proxy) unless {@code centra.allow-insecure-http=true} says otherwise.
 */
final class EndpointPolicy {

    private EndpointPolicy() {
    }

    static void check(String endpoint, boolean allowInsecureHttp) {
        URI uri;
        try {
            uri = new URI(endpoint);
        } catch (URISyntaxException e) {
            throw new ConfigException("centra.endpoint '" + endpoint + "' is not a URL: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http") || uri.getHost() == null) {
            throw new ConfigException("centra.endpoint '" + endpoint + "' must be an https:// URL, e.g. https://shop.centra.com/graphql");
        }
        if (scheme.equals("http") && !allowInsecureHttp && !isLoopback(uri.getHost())) {
            throw new ConfigException("centra.endpoint " + endpoint + " is plain http to another machine: the token would travel"
                    + " unencrypted. Use https, or set CENTRA_ALLOW_INSECURE_HTTP=true if a trusted proxy encrypts it");
        }
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
