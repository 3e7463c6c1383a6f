/**
 * roscpp's logger services (GetLoggers, SetLoggerLevel), which every node offers for rosconsole and rqt. May depend
 * on {@code org.liquidpilot.ros.msg} only.
 */
package org.liquidpilot.ros.msg.roscpp;
