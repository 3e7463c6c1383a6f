package org.liquidpilot.ros.msg;

/**
 * A parsed service definition: request and response halves split at the {@code ---} line.
 *
 * @param type     full service type name, {@code pkg/Service}
 * @param text     the .srv text as written
 * @param request  the request message, named {@code pkg/ServiceRequest}
 * @param response the response message, named {@code pkg/ServiceResponse}
 */
public record SrvSpec(String type, String text, MsgSpec request, MsgSpec response) {
}
