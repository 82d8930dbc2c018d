package io.centrasync.simulator;

/** A field the token has no permission for: Centra answers it as an {@code errors[]} entry of category authorization. */
final class PermissionDenied extends RuntimeException {
    PermissionDenied(String permission, String field) {
        super("You need " + permission + " permission to access " + field + ".", null, false, false);
    }
}
